import { Injectable } from '@nestjs/common';
import { ListApiKeysQuery, type ApiKeyView, type PayloadOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { ApiKeyRepository } from '../ports/index.js';
import { toApiKeyView } from '../shared/views.js';

/** The caller's keys, newest first, revoked ones included; never a secret. */
@Injectable()
export class ListApiKeysHandler {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  @HandleMessage(ListApiKeysQuery)
  async execute(payload: PayloadOf<typeof ListApiKeysQuery>): Promise<ApiKeyView[]> {
    return (await this.apiKeys.listByUser(payload.user_id)).map(toApiKeyView);
  }
}
