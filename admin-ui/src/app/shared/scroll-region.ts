import {
  DestroyRef,
  Directive,
  ElementRef,
  afterNextRender,
  inject,
  input,
  signal,
} from '@angular/core';

/**
 * A horizontally scrolling table wrapper that keyboard users can reach: while its content is
 * wider than the screen it becomes a named, focusable region (arrow keys then scroll it);
 * otherwise it adds no extra tab stop.
 */
@Directive({
  selector: '[appScrollRegion]',
  host: {
    role: 'region',
    '[attr.aria-label]': 'label()',
    '[attr.tabindex]': 'isScrollable() ? 0 : null',
  },
})
export class ScrollRegion {
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  readonly label = input.required<string>({ alias: 'appScrollRegion' });
  protected readonly isScrollable = signal(false);

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const measure = () =>
        this.isScrollable.set(this.element.scrollWidth > this.element.clientWidth + 1);
      measure();
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(measure);
      observer.observe(this.element);
      const content = this.element.firstElementChild;
      if (content) observer.observe(content);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }
}
