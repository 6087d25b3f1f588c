/**
 * @module publish-config-change
 * Tells every gateway instance that something the proxy caches changed
 * (`gateway.config.changed.v1`), so a revoked key dies everywhere within 2 s. Fire-and-forget.
 */
import { randomUUID } from 'node:crypto';
import { topics, type ConfigChangedData, type EventPublisher } from '@llmfb/shared';

export function publishConfigChange(events: EventPublisher, data: ConfigChangedData): void {
  events.publish(topics.configChanged, data.userId, {
    id: randomUUID(),
    type: 'config.changed',
    version: 1,
    occurredAt: new Date().toISOString(),
    data,
  });
}
