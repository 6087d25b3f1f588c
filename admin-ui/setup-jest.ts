import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// jsdom has no canvas: charts skip drawing instead of logging "not implemented" errors.
Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: () => null });
