import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { provideConsoleTranslations } from './bundled-translate-loader';

describe('provideConsoleTranslations', () => {
  it('loads each bundled dictionary on demand, the way the app starts', async () => {
    TestBed.configureTestingModule({ providers: provideConsoleTranslations() });
    const translate = TestBed.inject(TranslateService);
    await firstValueFrom(translate.use('zh-CN'));
    expect(translate.instant('nav.dashboard')).toBe('仪表盘');
    await firstValueFrom(translate.use('en'));
    expect(translate.instant('nav.dashboard')).toBe('Dashboard');
  });
});
