import { TestBed } from '@angular/core/testing';

/**
 * Runs effects and change detection and lets promise callbacks finish. Unlike
 * `fixture.whenStable()` it does not wait for HTTP requests that are still open (an open
 * httpResource request keeps the app "unstable" until the test flushes it).
 */
export async function settle(): Promise<void> {
  TestBed.tick();
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}
