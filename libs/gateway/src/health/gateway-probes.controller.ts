import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageBus } from '#messaging';
import { PublicRoute } from '../routing/public-route.decorator.js';

/** Probes of the gateway process itself, served outside the `api/v1` prefix (see UNPREFIXED_ROUTES). */
@ApiTags('system')
@PublicRoute()
@Controller('health')
export class GatewayProbesController {
  constructor(private readonly bus: MessageBus) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the gateway process is running' })
  live(): { status: 'alive' } {
    return { status: 'alive' };
  }

  /** Ready to take traffic when it can reach the broker; the services behind it are /api/v1/health's job. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness of the gateway itself: its message bus is connected' })
  ready(): { status: 'ready' } {
    if (!this.bus.isConnected()) throw new ServiceUnavailableException('The message bus is not connected');
    return { status: 'ready' };
  }
}
