import { Routes } from '@angular/router';
import { requireAdmin, requireGuest, requireSession } from './core/auth/auth.guards';

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
      { path: 'dashboard', loadChildren: () => import('./dashboard/dashboard.routes') },
      { path: 'credentials', loadChildren: () => import('./credentials/credentials.routes') },
      { path: 'models', loadChildren: () => import('./models/models.routes') },
      { path: 'keys', loadChildren: () => import('./keys/keys.routes') },
      { path: 'logs', loadChildren: () => import('./logs/logs.routes') },
      { path: 'playground', loadChildren: () => import('./playground/playground.routes') },
      { path: 'profile', loadChildren: () => import('./profile/profile.routes') },
      {
        path: 'users',
        canMatch: [requireAdmin],
        loadChildren: () => import('./users/users.routes'),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
