/**
 * The Bot Framework side of the adapter: a CloudAdapter whose inbound requests are verified with
 * the bot's app id (a missing or bad token is refused with 401), or, without an app id, the
 * unauthenticated mode Bot Framework Emulator uses — never in production.
 */
import { CallerIdConstants, CloudAdapter, StatusCodes, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import type { Config } from '../../src/config.js';
import { SamlaError } from '../../src/errors.js';

/** Refuses the unauthenticated mode in production, with a message that says what to set. */
export function assertTeamsAuthAllowed(config: Pick<Config, 'MICROSOFT_APP_ID' | 'NODE_ENV'>): void {
  if (!config.MICROSOFT_APP_ID && config.NODE_ENV === 'production') {
    throw new SamlaError(
      'bad_config',
      'Samla will not run the Teams endpoint without authentication in production. Set MICROSOFT_APP_ID and ' +
        'MICROSOFT_APP_PASSWORD (see .env.example and the README section «Microsoft Teams»).',
    );
  }
}

/**
 * The connector clients botbuilder creates retry 5xx answers on their own (3 times, up to a minute).
 * Our sender has one explicit, bounded policy for the statuses Teams documents (429, 412, 502, 504),
 * so the SDK's hidden retries are taken out of each client's pipeline.
 */
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

function withoutSdkRetries(client: ConnectorClient): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }).client?.pipeline;
  pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}

function plainFactory(inner: ConnectorFactory): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string) => withoutSdkRetries(await inner.create(serviceUrl, audience)),
  } as ConnectorFactory;
}

/**
 * A token the SDK could not verify (a bad signature, expired, not yet valid) is a 401, like a
 * missing one; the SDK lets jsonwebtoken's errors through, which its adapter answers with 500.
 */
function asUnauthorized(err: unknown): never {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (!(err instanceof AuthenticationError) && /^(JsonWebTokenError|TokenExpiredError|NotBeforeError)$/.test(name)) {
    throw new AuthenticationError(`the token was refused: ${(err as Error).message}`, StatusCodes.UNAUTHORIZED);
  }
  throw err;
}

class SamlaBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const r = await super.authenticateRequest(activity, authHeader).catch(asUnauthorized);
    return r.connectorFactory ? Object.assign(r, { connectorFactory: plainFactory(r.connectorFactory) }) : r;
  }
  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const r = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return r.connectorFactory ? Object.assign(r, { connectorFactory: plainFactory(r.connectorFactory) }) : r;
  }
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return plainFactory(super.createConnectorFactory(claimsIdentity));
  }
}

export function createCloudAdapter(config: Config): CloudAdapter {
  assertTeamsAuthAllowed(config);
  const settings = {
    MicrosoftAppId: config.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppType: config.MICROSOFT_APP_ID ? config.MICROSOFT_APP_TYPE : '',
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  // Given one endpoint, botbuilder takes every other from the same settings: the public cloud's, but for the keys.
  const cloud = config.BOT_OPENID_METADATA_URL
    ? {
        ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
        ValidateAuthority: true,
      }
    : {};
  const auth = new SamlaBotAuthentication({ MicrosoftAppId: settings.MicrosoftAppId, MicrosoftAppTenantId: settings.MicrosoftAppTenantId, ...cloud }, credentials);
  return new CloudAdapter(auth);
}
