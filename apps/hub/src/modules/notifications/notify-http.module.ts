import { Module } from '@nestjs/common';
import { NotifyHttp } from './channels/notify-http';
import { NotifyEgress } from './notify-egress.service';
import { NOTIFY_OPTIONS, type NotifyOptions } from './targets';

/**
 * The one way the hub posts to an address someone configured (a subscription's webhook, the audit
 * checkpoint webhook): {@link NotifyHttp} through the {@link NotifyEgress} checks.
 */
@Module({
  providers: [{ provide: NOTIFY_OPTIONS, useValue: {} satisfies NotifyOptions }, NotifyEgress, NotifyHttp],
  exports: [NOTIFY_OPTIONS, NotifyEgress, NotifyHttp],
})
export class NotifyHttpModule {}
