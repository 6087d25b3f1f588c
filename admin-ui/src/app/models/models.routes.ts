import { Routes } from '@angular/router';

export default [
  { path: '', title: 'LLMFormBridge', loadComponent: () => import('./models-page') },
] satisfies Routes;
