import { Routes } from '@angular/router';
import { requireGuest, requireSession } from './core/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'login',
    canActivate: [requireGuest],
    title: 'LLMFormBridge',
    loadComponent: () => import('./auth/login-page'),
  },
  {
    path: 'register',
    canActivate: [requireGuest],
    title: 'LLMFormBridge',
    loadComponent: () => import('./auth/register-page'),
  },
  {
    path: '',
    canActivate: [requireSession],
    loadComponent: () => import('./core/shell/shell'),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'profile', loadChildren: () => import('./profile/profile.routes') },
    ],
  },
  { path: '**', redirectTo: '' },
];
