import { Routes } from '@angular/router';

export default [
  { path: '', title: 'LLMFormBridge', loadComponent: () => import('./profile-page') },
] satisfies Routes;
