import { Routes } from '@angular/router';

export default [
  { path: '', title: 'LLMFormBridge', loadComponent: () => import('./credentials-page') },
] satisfies Routes;
