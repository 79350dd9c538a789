import {
  AuthenticationConstants,
  AuthenticationError,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import {
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { decodeJwt, type JWTPayload } from 'jose';
import type { Config } from '../config/config.js';
import { keptClients } from './kept-clients.js';
import { useReplyRetries } from './reply-retries.js';

/**
 * TeamsAdapter whose activity processing is reachable without botbuilder's HTTP handling, which
 * answers 500 with the error text for some bad tokens and logs to the console; the endpoint maps
 * outcomes to statuses itself.
 */
export class CrewdeskAdapter extends TeamsAdapter {
  private readonly inboundAuthentication: boolean;
  /**
   * Connector clients for turn replies, one per bot app, service URL and audience. botbuilder
   * builds a new client — credentials, an Azure pipeline of a dozen policies, an HTTP agent — for
   * every turn: about a twentieth of a turn's CPU and much of what each turn keeps alive
   * (bench/README.md). A client holds no state of a turn; its token comes from the credentials'
   * own cache, as it does for a new client.
   */
  private readonly turnConnectors = keptClients<ConnectorClient>();

  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions) {
    super(settings);
    // botbuilder's own rule: an empty app id turns inbound authentication off (bot local mode).
    this.inboundAuthentication = Boolean(settings.MicrosoftAppId);
    reuseUserTokenClients(this.botFrameworkAuthentication);
  }

  async processIncoming(
    authorizationHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (this.inboundAuthentication) refuseAllButChannelRequests(authorizationHeader, activity);
    const authenticated = await this.botFrameworkAuthentication.authenticateRequest(
      activity,
      authorizationHeader,
    );
    return this.processActivity(
      { ...authenticated, connectorFactory: this.reusedConnectors(authenticated) },
      activity,
      logic,
    );
  }

  private reusedConnectors(authenticated: AuthenticateRequestResult): ConnectorFactory | undefined {
    const factory = authenticated.connectorFactory;
    if (!factory) return undefined;
    const appId = JwtTokenValidation.getAppIdFromClaims(authenticated.claimsIdentity.claims) ?? '';
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.turnConnectors.get(JSON.stringify([appId, serviceUrl, audience ?? null]), async () => {
          const client = await factory.create(serviceUrl, audience);
          // Replies within a turn: bounded retries honouring Retry-After (reply-retries.ts).
          useReplyRetries(client);
          return client;
        }),
    };
  }

  /**
   * A connector client for the messages Crewdesk sends on its own (src/teams/proactive-sender.ts),
   * made exactly as `continueConversationAsync(botAppId, …)` makes one for each call — the
   * adapter's connector factory for a claims identity of the bot's app id, the default audience —
   * so with the same credentials (none in bot local mode; app id, password, tenant and login
   * endpoint otherwise), user agent and base URL. The worker keeps it per service URL.
   */
  createProactiveConnector(serviceUrl: string, botAppId: string): Promise<ConnectorClient> {
    return this.botFrameworkAuthentication
      .createConnectorFactory(this.createClaimsIdentity(botAppId))
      .create(serviceUrl, undefined);
  }
}

/**
 * botbuilder also builds a user token client (a Token API client with its own pipeline) for every
 * turn, for sign-in prompts Crewdesk's bot does not use; it depends only on the bot's app id, so
 * one per app id serves every turn (≈ 3 % of a turn's CPU, bench/README.md).
 */
function reuseUserTokenClients(authentication: BotFrameworkAuthentication): void {
  const create = authentication.createUserTokenClient.bind(authentication);
  const clients = keptClients<UserTokenClient>();
  authentication.createUserTokenClient = (claimsIdentity: ClaimsIdentity) =>
    clients.get(JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '', () =>
      create(claimsIdentity),
    );
}

function refusal(reason: string): AuthenticationError {
  return new AuthenticationError(reason, StatusCodes.UNAUTHORIZED);
}

/**
 * Crewdesk takes activities from Bot Framework channels only (issue 5): a token issued by
 * https://api.botframework.com, with an expiry, for an activity that names its serviceUrl. botbuilder
 * then checks the rest (signature from the metadata's keys, issuer, audience = app id, expiry with
 * 5 min of skew, endorsements, serviceurl claim = serviceUrl). This refuses, before botbuilder sees
 * them, the requests that botbuilder would let through or send elsewhere
 * (botframework-connector parameterizedBotFrameworkAuthentication.js, emulatorValidation.js):
 * - a token of one of Microsoft's Entra issuers goes to its Emulator path, which accepts any token
 *   Microsoft signed for a client with this app id (appid/azp), whatever its audience, ignores
 *   BotOpenIdMetadata, and adds the token's own tenant to its list of issuers;
 * - a token without `exp` never expires (jsonwebtoken checks expiry only when the claim exists);
 * - an activity without serviceUrl skips the serviceurl check.
 * The claims are read unverified here; this only ever refuses more than botbuilder does.
 */
function refuseAllButChannelRequests(authorizationHeader: string, activity: Activity): void {
  const token = /^Bearer (\S+)$/.exec(authorizationHeader)?.[1];
  if (!token) throw refusal('no bearer token');
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw refusal('the bearer is not a JWT');
  }
  if (claims.iss !== AuthenticationConstants.ToBotFromChannelTokenIssuer) {
    throw refusal('the token is not from a Bot Framework channel');
  }
  if (typeof claims.exp !== 'number') throw refusal('the token does not expire');
  if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') {
    throw refusal('the activity names no serviceUrl');
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
