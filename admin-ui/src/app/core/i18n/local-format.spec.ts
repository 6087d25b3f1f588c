import { formatDate } from '@angular/common';
import { registerConsoleLocales } from './language-store';
import { formatLocalNumber } from './local-number.pipe';

describe('localised numbers and dates', () => {
  beforeAll(() => registerConsoleLocales());

  it('formats compact numbers per language', () => {
    expect(formatLocalNumber(12_345, 'en-US', 'compact')).toBe('12.3K');
    expect(formatLocalNumber(12_345, 'zh-CN', 'compact')).toBe('1.2万');
    expect(formatLocalNumber(0.125, 'en-US', 'percent')).toBe('12.5%');
    expect(formatLocalNumber(1234, 'en-US', 'milliseconds')).toBe('1,234 ms');
    expect(formatLocalNumber(1234, 'zh-CN', 'milliseconds')).toContain('1,234');
  });

  it('formats dates in Chinese once the zh locale is registered', () => {
    expect(formatDate('2026-03-04T05:06:07Z', 'mediumDate', 'zh-CN', 'UTC')).toBe('2026年3月4日');
    expect(formatDate('2026-03-04T05:06:07Z', 'mediumDate', 'en-US', 'UTC')).toBe('Mar 4, 2026');
  });
});
