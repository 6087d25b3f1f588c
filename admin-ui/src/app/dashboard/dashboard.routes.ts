import { Routes } from '@angular/router';

export default [
  { path: '', title: 'LLMFormBridge', loadComponent: () => import('./dashboard-page') },
] satisfies Routes;
