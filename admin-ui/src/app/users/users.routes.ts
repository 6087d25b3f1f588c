import { Routes } from '@angular/router';

export default [
  { path: '', title: 'LLMFormBridge', loadComponent: () => import('./users-page') },
] satisfies Routes;
