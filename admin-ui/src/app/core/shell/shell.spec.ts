import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { TranslateService } from '@ngx-translate/core';
import { Router } from '@angular/router';
import { provideTestConsole } from '../../../testing/provide-test-console';
import { settle } from '../../../testing/settle';
import { signInForTest } from '../../../testing/sign-in-for-test';
import { LOCAL_STORAGE } from '../browser-storage';
import chinese from '../i18n/zh-CN.json';
import Shell from './shell';

async function setUp(isAdmin: boolean) {
  TestBed.configureTestingModule({ providers: provideTestConsole() });
  signInForTest({ is_superuser: isAdmin });
  TestBed.inject(TranslateService).setTranslation('zh-CN', chinese);
  const fixture = TestBed.createComponent(Shell);
  await settle();
  return { fixture, loader: TestbedHarnessEnvironment.loader(fixture) };
}

function navLabels(element: HTMLElement): string[] {
  return [...element.querySelectorAll('nav a [matListItemTitle]')].map(
    (title) => title.textContent?.trim() ?? '',
  );
}

describe('Shell', () => {
  it('shows the users page to administrators only', async () => {
    const admin = await setUp(true);
    expect(navLabels(admin.fixture.nativeElement)).toContain('Users');
    TestBed.resetTestingModule();
    const member = await setUp(false);
    expect(navLabels(member.fixture.nativeElement)).not.toContain('Users');
    expect(navLabels(member.fixture.nativeElement)).toEqual([
      'Dashboard',
      'Credentials',
      'Models',
      'API keys',
      'Request logs',
      'Playground',
    ]);
  });

  it('switches to Chinese and remembers the choice in this browser', async () => {
    const { fixture, loader } = await setUp(false);
    await (
      await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid=language-menu]' }))
    ).clickItem({ text: /简体中文/ });
    await settle();
    expect(navLabels(fixture.nativeElement)[0]).toBe('仪表盘');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('zh-CN');
    expect(TestBed.inject(LOCAL_STORAGE).getItem('llmfb.language')).toBe('zh-CN');
  });

  it('toggles the dark theme and remembers it', async () => {
    const { loader } = await setUp(false);
    const root = TestBed.inject(DOCUMENT).documentElement;
    const toggle = await loader.getHarness(
      MatButtonHarness.with({ selector: '[data-testid=theme-toggle]' }),
    );
    const wasDark = root.classList.contains('dark-theme');
    await toggle.click();
    await settle();
    expect(root.classList.contains('dark-theme')).toBe(!wasDark);
    expect(TestBed.inject(LOCAL_STORAGE).getItem('llmfb.theme')).toBe(wasDark ? 'light' : 'dark');
  });

  it('signs out and goes to the login page', async () => {
    const { loader } = await setUp(false);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await (
      await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid=user-menu]' }))
    ).clickItem({ text: /Sign out/ });
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });
});
