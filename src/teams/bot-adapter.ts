import { AuthenticationConstants } from 'botframework-connector';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config/config.js';

/**
 * TeamsAdapter whose activity processing is reachable without botbuilder's HTTP handling, which
 * answers 500 with the error text for some bad tokens and logs to the console; the endpoint maps
 * outcomes to statuses itself.
 */
export class CrewdeskAdapter extends TeamsAdapter {
  processIncoming(
    authorizationHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorizationHeader, activity, logic);
  }
}

/**
 * The Bot Framework adapter. Setting any one of botbuilder's auth URLs switches it to a fully
 * parameterized mode in which unset values stay undefined (../shared/stack-notes.md), so when
 * BotOpenIdMetadata is given every other value is filled with Microsoft's public-cloud default.
 */
export function createBotAdapter(bot: Config['bot']): CrewdeskAdapter {
  const identity = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
  };
  if (!bot.openIdMetadataUrl) return new CrewdeskAdapter(identity);
  const loginTenant =
    bot.appType === 'SingleTenant' && bot.appTenantId ? bot.appTenantId : 'botframework.com';
  return new CrewdeskAdapter({
    ...identity,
    BotOpenIdMetadata: bot.openIdMetadataUrl,
    ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${loginTenant}`,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: 'urn:botframework:azure',
    ChannelService: '',
    ValidateAuthority: true,
  });
}
