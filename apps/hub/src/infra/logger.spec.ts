import { Writable } from 'node:stream';
import pino from 'pino';
import { CONNECTORS, UpstreamError, secretConfigFields, secretEnvKeys, sourceRef } from '@hub/connectors';
import { LOG_CENSOR, LOG_REDACT_PATHS, createLogger, frameworkLogger } from './logger';

const SECRETS = {
  secretKey: 'sk-gov-cloud-0a1b2c',
  clientSecret: 'cs-data-exchange-3d4e5f',
  appSecret: 'as-service-platforms-6a7b8c',
  mlpsToken: 'tok-mlps-9d0e1f',
  videoToken: 'tok-video-2a3b4c',
  accessToken: 'at-issued-5d6e7f',
  signature: 'sig-hmac-8a9b0c',
  password: 'pw-one-time-1d2e3f',
  passwordHash: '$argon2id$v=19$m=65536$hash-4a5b6c',
  cookie: 'hub_session=sess-7d8e9f',
  bearer: 'Bearer api-token-0f1e2d',
  databaseUrl: 'postgres://hub:db-pw-3c4b5a@127.0.0.1:5432/hub',
};

/** A logger as the hub makes it, writing its JSON lines into an array. */
function makeSut(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { sut: createLogger(level, 'stdout', destination), lines };
}

/** An axios error as axios builds it: the request config with headers and form body, the request, the response. */
function axiosLikeError(): Error {
  const config = {
    url: '/oauth/token',
    method: 'post',
    headers: {
      Authorization: SECRETS.bearer,
      'X-Signature': SECRETS.signature,
      'X-App-Secret': SECRETS.appSecret,
    },
    data: `grant_type=client_credentials&client_id=hub&client_secret=${SECRETS.clientSecret}`,
  };
  const request = { _header: `POST /oauth/token HTTP/1.1\r\nAuthorization: ${SECRETS.bearer}\r\n` };
  return Object.assign(new Error('Request failed with status code 401'), {
    name: 'AxiosError',
    isAxiosError: true,
    code: 'ERR_BAD_REQUEST',
    config,
    request,
    response: {
      status: 401,
      headers: { 'set-cookie': SECRETS.cookie },
      data: { error: 'invalid_client' },
      config,
      request,
    },
  });
}

function expectNoSecret(output: string) {
  for (const [name, value] of Object.entries(SECRETS)) {
    expect({ name, leaked: output.includes(value) }).toEqual({ name, leaked: false });
  }
}

describe(createLogger.name, () => {
  it('redacts connector credentials, headers, passwords and tokens wherever the hub logs them', () => {
    const { sut, lines } = makeSut();

    sut.info(
      {
        config: {
          baseUrl: 'http://gov-cloud.test',
          accessKey: 'ak-visible',
          secretKey: SECRETS.secretKey,
          headers: { Authorization: SECRETS.bearer },
        },
        connectors: {
          dataExchange: { clientId: 'hub', clientSecret: SECRETS.clientSecret },
          servicePlatforms: { appKey: 'app-visible', appSecret: SECRETS.appSecret },
          mlps: { token: SECRETS.mlpsToken },
        },
        DATABASE_URL: SECRETS.databaseUrl,
      },
      'settings loaded',
    );
    sut.info(
      {
        req: {
          method: 'GET',
          url: '/api/projects',
          headers: { authorization: SECRETS.bearer, cookie: SECRETS.cookie },
        },
      },
      'request',
    );
    sut.info({ res: { statusCode: 200, headers: { 'set-cookie': SECRETS.cookie } } }, 'response');
    sut.warn(
      {
        headers: {
          'X-Signature': SECRETS.signature,
          'x-signature': SECRETS.signature,
          'X-Api-Token': SECRETS.mlpsToken,
          Authorization: `Bearer ${SECRETS.videoToken}`,
        },
      },
      'signed request',
    );
    sut.debug(
      { source: 'data-exchange', access_token: SECRETS.accessToken, accessToken: SECRETS.accessToken },
      'token',
    );
    sut.info(
      { user: { name: 'admin', password: SECRETS.password, passwordHash: SECRETS.passwordHash } },
      'user',
    );
    sut.info({ token: SECRETS.bearer, secret: SECRETS.signature }, 'api token issued');

    const output = lines.join('\n');
    expectNoSecret(output);
    expect(lines).toHaveLength(7);
    const [settings, request] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(settings).toMatchObject({
      config: {
        baseUrl: 'http://gov-cloud.test',
        accessKey: 'ak-visible',
        secretKey: LOG_CENSOR,
        headers: LOG_CENSOR,
      },
      connectors: { dataExchange: { clientId: 'hub', clientSecret: LOG_CENSOR } },
      msg: 'settings loaded',
    });
    expect(request).toMatchObject({
      req: {
        method: 'GET',
        url: '/api/projects',
        headers: { authorization: LOG_CENSOR, cookie: LOG_CENSOR },
      },
    });
  });

  it('redacts the config, request and response details of an axios error logged as err', () => {
    const { sut, lines } = makeSut();

    sut.error({ err: axiosLikeError() }, 'sync crashed');
    sut.error({ source: 'data-exchange', error: axiosLikeError() }, 'upstream call failed');

    expectNoSecret(lines.join('\n'));
    const [logged] = lines.map((line) => JSON.parse(line) as { err: Record<string, unknown> });
    expect(logged?.err).toMatchObject({
      message: 'Request failed with status code 401',
      code: 'ERR_BAD_REQUEST',
      config: LOG_CENSOR,
      request: LOG_CENSOR,
      response: { status: 401, config: LOG_CENSOR, request: LOG_CENSOR },
    });
  });

  it('logs an UpstreamError built from a credentialed axios failure without a secret, with its causes', () => {
    const { sut, lines } = makeSut();
    const error = UpstreamError.fromAxiosError(sourceRef('data-exchange'), axiosLikeError());
    // The serializer that follows causes, for a logger configured with it.
    const withCauses = pino.stdSerializers.errWithCause;

    sut.error({ err: error }, 'sync stopped');
    sut.error({ error: error.toJSON(), cause: withCauses(error) }, 'sync stopped');

    expectNoSecret(lines.join('\n'));
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ err: { code: 'auth', source: 'data-exchange' } });
  });

  it('redacts every connector’s declared secrets, under their env keys and as config fields', () => {
    const { sut, lines } = makeSut();
    for (const connector of CONNECTORS) {
      const names = [...secretEnvKeys(connector), ...secretConfigFields(connector)];
      expect(names.length).toBeGreaterThan(1);
      for (const name of names) {
        sut.info({
          [name]: `${connector.id}-secret`,
          nested: { config: { [name]: `${connector.id}-secret` } },
        });
      }
    }

    expect(lines.length).toBeGreaterThan(0);
    for (const connector of CONNECTORS) expect(lines.join('\n')).not.toContain(`${connector.id}-secret`);
  });

  it('redacts with a path list pino accepts', () => {
    expect(() => pino({ redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_CENSOR } })).not.toThrow();
    expect(LOG_REDACT_PATHS).toEqual(
      expect.arrayContaining([
        'authorization',
        '*.*.authorization',
        '*.*.cookie',
        '*.password',
        '*.clientSecret',
        '*.appSecret',
        '*.token',
        '*.accessToken',
        'config.headers',
      ]),
    );
  });
});

describe(frameworkLogger.name, () => {
  const messages = (level: string) => {
    const { sut, lines } = makeSut(level);
    const nest = frameworkLogger(sut);
    nest.log('Mapped {/api/projects, GET} route', 'RouterExplorer');
    nest.debug('resolving', 'InstanceLoader');
    nest.warn('deprecated option', 'NestApplication');
    nest.error('listen failed', undefined, 'NestApplication');
    return lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
  };

  it('keeps Nest’s own messages to warnings and errors at the default level', () => {
    expect(messages('info')).toEqual(['deprecated option', 'listen failed']);
  });

  it('lets every Nest message through when the hub logs at debug', () => {
    expect(messages('debug')).toEqual([
      'Mapped {/api/projects, GET} route',
      'resolving',
      'deprecated option',
      'listen failed',
    ]);
  });

  it('stays as strict as the hub when the hub logs only errors', () => {
    expect(messages('error')).toEqual(['listen failed']);
  });
});
