import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs here (docs/development.md, "No Docker engine"), so these files are checked
// by parsing them.
const root = join(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

// --- docker-compose.yml -----------------------------------------------------------------------------

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[];
  restart?: string;
  environment?: Record<string, string>;
  env_file?: Array<string | { path: string; required?: boolean }>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  logging?: { driver?: string; options?: Record<string, string> };
}

const composeText = read('docker-compose.yml');
// merge: compose honours `<<: *anchor`, which YAML 1.2 leaves to the reader.
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes?: object;
};

function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** Compose's interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?error}`) against `env`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_match, name: string, kind?: string, rest?: string) => {
      const set = env[name];
      if (set !== undefined) return set;
      if (kind === '-') return rest ?? '';
      throw new Error(`${name} is required: ${rest ?? ''}`);
    },
  );
}

const APPS = ['sighook', 'webhook'] as const;
const IMAGE_SERVICES = ['migrate', ...APPS] as const;
/** Keys whose value is a credential: it must come from the environment, never from this file. */
const SECRET_KEY = /PASSWORD|SECRET|TOKEN|PASSPHRASE|API_KEY|PRIVATE_KEY/;

describe('docker-compose.yml', () => {
  it('when parsed then postgres, redis, migrate, sighook, webhook, the TLS proxy and the backup are services', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'backup',
      'caddy',
      'migrate',
      'postgres',
      'redis',
      'sighook',
      'webhook',
    ]);
  });

  it.each([
    ['postgres', '/var/lib/postgresql/data'],
    ['redis', '/data'],
    // DATA_DIR: paper balances (paper-exchange.json) must outlive a recreate as Postgres's positions do.
    ['webhook', '/app/.data'],
  ])('when %s stores data then it is on a named volume at %s', (name, path) => {
    const volume = service(name).volumes?.find((entry) => entry.endsWith(`:${path}`));
    const volumeName = volume?.split(':')[0] ?? '';

    expect(Object.keys(compose.volumes ?? {})).toContain(volumeName);
  });

  it('when redis restarts then its append-only file keeps the queues', () => {
    expect(service('redis').command?.join(' ')).toContain('--appendonly yes');
  });

  it.each([
    ['postgres', /^pg_isready\b/],
    ['redis', /^redis-cli ping$/],
    // Ready, not only alive: /readyz (the webhook's needs WEBHOOK_PASSPHRASE).
    ['sighook', /^node -e fetch\('http:\/\/127\.0\.0\.1:3001\/readyz'\)/],
    ['webhook', /^node -e fetch\('http:\/\/127\.0\.0\.1:3000\/readyz'\)/],
  ])('when %s runs then its healthcheck probes it without curl', (name, probe) => {
    const [kind, ...command] = service(name).healthcheck?.test ?? [];

    expect(['CMD', 'CMD-SHELL']).toContain(kind);
    expect(command.join(' ')).toMatch(probe);
  });

  it('when the webhook has no WEBHOOK_PASSPHRASE then its healthcheck fails: its /readyz checks the passphrase', () => {
    const source = read('apps/webhook/src/webhook-service.ts');

    expect(source).toMatch(/readiness\.register\(passphraseReadiness\(config\.WEBHOOK_PASSPHRASE\)\)/);
    expect(service('webhook').healthcheck?.test?.join(' ')).toContain('/readyz');
  });

  it.each(Object.keys(compose.services))(
    'when %s logs then json-file rotates it (max-size, max-file)',
    (name) => {
      const logging = service(name).logging;

      expect(logging?.driver).toBe('json-file');
      expect(logging?.options?.['max-size']).toMatch(/^\d+[kmg]$/);
      expect(Number(logging?.options?.['max-file'])).toBeGreaterThan(0);
    },
  );

  it('when a backup is asked for then pg_dump writes a custom-format dump to BACKUP_DIR, under a profile', () => {
    const backup = service('backup');
    const volume = interpolate(backup.volumes?.[0] ?? '', {});

    expect(backup.profiles).toEqual(['backup']);
    expect(backup.image).toBe(service('postgres').image);
    expect(backup.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(backup.command?.join(' ')).toMatch(/pg_dump --format=custom --file="\$\$file"/);
    expect(volume).toBe('./backups:/backups');
    expect(interpolate(backup.volumes?.[0] ?? '', { BACKUP_DIR: '/srv/backups' })).toBe(
      '/srv/backups:/backups',
    );
    expect(interpolate(backup.environment?.PGHOST ?? '', {})).toBe('postgres');
  });

  it('when migrate runs then it is a one-shot db migrate after postgres is healthy', () => {
    const migrate = service('migrate');

    expect(migrate.command).toEqual(['db', 'migrate']);
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it.each(APPS)('when %s starts then databases are healthy and migrations completed', (name) => {
    const app = service(name);

    expect(app.command).toEqual(['start', name]);
    expect(app.restart).toBe('unless-stopped');
    expect(app.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it.each(['postgres', 'redis', ...APPS])('when %s stops unexpectedly then it is restarted', (name) => {
    expect(service(name).restart).toBe('unless-stopped');
  });

  it('when nothing is set then port 3000 is published on 127.0.0.1 only', () => {
    const ports = (service('webhook').ports ?? []).map((port) => interpolate(port, {}));

    expect(ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('when WEBHOOK_BIND_ADDRESS is set then the port is published on that address', () => {
    const ports = (service('webhook').ports ?? []).map((port) =>
      interpolate(port, { WEBHOOK_BIND_ADDRESS: '0.0.0.0' }),
    );

    expect(ports).toEqual(['0.0.0.0:3000:3000']);
  });

  it('when a service other than the TLS proxy publishes a port then it names a bind address', () => {
    const published = Object.entries(compose.services)
      .filter(([name]) => name !== 'caddy')
      .flatMap(([name, entry]) => (entry.ports ?? []).map((port) => [name, port] as const));

    for (const [name, port] of published)
      expect(interpolate(port, {}).split(':').length, `${name}: ${port}`).toBe(3);
  });

  it('when the tls profile is chosen then the official Caddy image serves 80 and 443 with the Caddyfile', () => {
    const caddy = service('caddy');

    expect(caddy.profiles).toEqual(['tls']);
    expect(caddy.image).toMatch(/^caddy:2(-alpine)?$/);
    expect(caddy.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    expect(caddy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddy.volumes?.some((volume) => volume.endsWith(':/data'))).toBe(true);
    expect(caddy.depends_on?.webhook?.condition).toBe('service_healthy');
    // No :? here: compose interpolates every service, so a required domain would stop `up` without the profile.
    const domain = caddy.environment?.WEBHOOK_DOMAIN ?? '';
    expect(interpolate(domain, {})).toBe('');
    expect(interpolate(domain, { WEBHOOK_DOMAIN: 'hooks.example.com' })).toBe('hooks.example.com');
  });

  it('when the image services are built then they share the Dockerfile and one image name', () => {
    const images = new Set(IMAGE_SERVICES.map((name) => service(name).image));

    for (const name of IMAGE_SERVICES) {
      expect(service(name).build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    }
    expect(images.size).toBe(1);
  });

  it.each(IMAGE_SERVICES)('when %s is configured then .env is read and may be absent', (name) => {
    expect(service(name).env_file).toEqual([{ path: '.env', required: false }]);
  });

  it.each(IMAGE_SERVICES)('when %s connects then the URLs name the compose services', (name) => {
    const environment = service(name).environment ?? {};
    const env = { POSTGRES_PASSWORD: 'from-dot-env' };
    const database = new URL(interpolate(environment.DATABASE_URL ?? '', env));
    const redis = new URL(interpolate(environment.REDIS_URL ?? '', env));

    expect([database.protocol, database.hostname, database.password]).toEqual([
      'postgresql:',
      'postgres',
      'from-dot-env',
    ]);
    expect([redis.protocol, redis.hostname]).toEqual(['redis:', 'redis']);
  });

  it('when no .env sets the database password then compose refuses to start', () => {
    const environment = service('postgres').environment ?? {};

    expect(() => interpolate(environment.POSTGRES_PASSWORD ?? '', {})).toThrow(/POSTGRES_PASSWORD/);
  });

  it('when a secret-looking key is set then its value is an interpolation without a default', () => {
    const secrets = Object.values(compose.services)
      .flatMap((entry) => Object.entries(entry.environment ?? {}))
      .filter(([key]) => SECRET_KEY.test(key));

    expect(secrets.length).toBeGreaterThan(0);
    for (const [key, value] of secrets) expect(value, key).toMatch(/^\$\{\w+(:\?[^}]*)?\}$/);
    // Not even as a fallback: `${POSTGRES_PASSWORD:-changeme}` would ship a known password.
    expect(composeText).not.toMatch(/\$\{\w*(PASSWORD|SECRET|TOKEN|PASSPHRASE|API_KEY)\w*:?-/);
  });
});

// --- docker-compose.replicas.yml -------------------------------------------------------------------

describe('docker-compose.replicas.yml', () => {
  // `!reset` is compose's tag for "drop the value of the file before" (here: the published port).
  const text = read('docker-compose.replicas.yml');
  const replicas = parse(text, {
    customTags: [{ tag: '!reset', collection: 'seq', resolve: (value) => value }],
  }) as { services: Record<string, Service> };

  it('when laid over docker-compose.yml then the webhook publishes no port and a balancer publishes the webhook address', () => {
    expect(replicas.services.webhook?.ports).toEqual([]);
    expect(text).toMatch(/^ {2}webhook:\n(?: {4}#.*\n)* {4}ports: !reset \[\]$/m);
    const balancer = replicas.services.balancer;
    expect(balancer?.image).toMatch(/^caddy:2(-alpine)?$/);
    expect(balancer?.ports).toEqual(service('webhook').ports);
    expect(balancer?.volumes).toContain('./Caddyfile.balancer:/etc/caddy/Caddyfile:ro');
    expect(balancer?.depends_on?.webhook?.condition).toBe('service_healthy');
  });

  it('when the balancer proxies then it finds every webhook replica by name and takes them in turn', () => {
    const caddyfile = read('Caddyfile.balancer')
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(caddyfile).toMatch(/^:3000 \{$/m);
    expect(caddyfile).toMatch(/dynamic a \{\s*name webhook\s*port 3000\s*refresh \S+\s*\}/);
    expect(caddyfile).toMatch(/lb_policy round_robin/);
  });
});

// --- Caddyfile ------------------------------------------------------------------------------------

describe('Caddyfile', () => {
  const caddyfile = read('Caddyfile')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');

  it('when it serves the site then the address is WEBHOOK_DOMAIN (automatic TLS)', () => {
    expect(caddyfile).toMatch(/^\{\$WEBHOOK_DOMAIN\} \{$/m);
  });

  it('when requests are matched then only POST /webhook and GET /healthz are proxied, all else is 404', () => {
    const paths = [...caddyfile.matchAll(/^\s*path (.+)$/gm)].map((match) => match[1]?.trim());
    const upstreams = [...caddyfile.matchAll(/reverse_proxy (\S+)/g)].map((match) => match[1]);

    expect(paths.sort()).toEqual(['/healthz', '/webhook']);
    expect(new Set(upstreams)).toEqual(new Set(['webhook:3000']));
    expect(caddyfile).toMatch(/handle \{\s*respond 404\s*\}/);
    expect(caddyfile).not.toMatch(/\/api|\/metrics|\/openapi|\/readyz/);
  });
});

// --- Dockerfile -------------------------------------------------------------------------------------

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly from: string;
  readonly name: string;
  readonly instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const stages: Stage[] = [];
  for (const line of lines.map((entry) => entry.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', , name = `stage-${stages.length}`] = rest;
      stages.push({ from, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const stages = parseDockerfile(read('Dockerfile'));
const finalStage = stages.at(-1);

/** The instructions that produce a stage: those of the stages it is built FROM, then its own. */
function lineage(stage: Stage): Instruction[] {
  const parent = stages.find((candidate) => candidate.name === stage.from);
  return [...(parent ? lineage(parent) : []), ...stage.instructions];
}

/** The base image of a stage, following `FROM <earlier stage>`. */
function baseImage(stage: Stage): string {
  const parent = stages.find((candidate) => candidate.name === stage.from);
  return parent ? baseImage(parent) : stage.from;
}

function stageRunning(command: RegExp): Stage {
  const found = stages.find((stage) =>
    stage.instructions.some((step) => step.keyword === 'RUN' && command.test(step.args)),
  );
  if (!found) throw new Error(`no stage runs ${command}`);
  return found;
}

const indexOf = (steps: Instruction[], keyword: string, args: RegExp): number =>
  steps.findIndex((step) => step.keyword === keyword && args.test(step.args));

describe('Dockerfile', () => {
  it('when built then it has several stages, each on node:24-slim', () => {
    expect(stages.length).toBeGreaterThan(1);
    for (const stage of stages) expect(baseImage(stage), stage.name).toBe('node:24-slim');
  });

  it('when pnpm is needed then pnpm 10 is installed with npm, not corepack', () => {
    expect(stages.some((stage) => indexOf(stage.instructions, 'RUN', /^npm i -g pnpm@10\.34\.9$/) >= 0)).toBe(
      true,
    );
  });

  it('when dependencies are installed then the lockfile is frozen and only manifests precede the install', () => {
    const steps = lineage(stageRunning(/scripts\/prisma-generate\.sh/));
    const install = indexOf(steps, 'RUN', /^pnpm install --frozen-lockfile$/);

    expect(indexOf(steps, 'COPY', /pnpm-lock\.yaml/)).toBeGreaterThanOrEqual(0);
    expect(indexOf(steps, 'COPY', /pnpm-lock\.yaml/)).toBeLessThan(install);
    expect(install).toBeLessThan(indexOf(steps, 'COPY', /^\. \.$/));
  });

  it('when a workspace package exists then the Dockerfile copies its manifest before installing', () => {
    const manifests = [
      ...['apps', 'packages'].flatMap((layer) =>
        readdirSync(join(root, layer)).map((name) => `${layer}/${name}/package.json`),
      ),
      'bench/package.json',
    ].filter((path) => existsSync(join(root, path)));
    const copies = stages.flatMap((stage) => stage.instructions).filter((step) => step.keyword === 'COPY');

    for (const manifest of manifests) {
      expect(
        copies.some((step) => step.args.split(' ').includes(manifest)),
        manifest,
      ).toBe(true);
    }
  });

  it('when the sources are in then the Prisma client is generated offline by the script', () => {
    const steps = lineage(stageRunning(/scripts\/prisma-generate\.sh/));

    expect(indexOf(steps, 'RUN', /^bash scripts\/prisma-generate\.sh$/)).toBeGreaterThan(
      indexOf(steps, 'COPY', /^\. \.$/),
    );
  });

  it('when the image runs then it is production, unprivileged and listens on 3000', () => {
    const steps = finalStage?.instructions ?? [];
    const users = steps.filter((step) => step.keyword === 'USER').map((step) => step.args);

    expect(users.at(-1)).toBe('node');
    expect(indexOf(steps, 'ENV', /^NODE_ENV=production$/)).toBeGreaterThanOrEqual(0);
    expect(indexOf(steps, 'EXPOSE', /^3000$/)).toBeGreaterThanOrEqual(0);
    expect(indexOf(steps, 'RUN', /pnpm install|npm i/)).toBe(-1);
  });

  it('when the image starts then it runs exactly what `pnpm hookline` runs', () => {
    const entrypoint = finalStage?.instructions.find((step) => step.keyword === 'ENTRYPOINT');
    const command = JSON.parse(entrypoint?.args ?? '[]') as string[];
    const rootScripts = JSON.parse(read('package.json')).scripts as Record<string, string>;

    expect(command.join(' ')).toBe(rootScripts.hookline);
  });

  it('when the runtime has production dependencies only then tsx (which runs the CLI) is one of them', () => {
    const root = JSON.parse(read('package.json')) as { dependencies?: Record<string, string> };
    stageRunning(/pnpm install --prod --frozen-lockfile/);

    expect(root.dependencies?.tsx).toBeDefined();
  });

  it('when the build context is sent then dependencies, local state and secrets are ignored', () => {
    const ignored = read('.dockerignore').split('\n');

    for (const pattern of ['**/node_modules', '**/.data', '.git', 'coverage', '.env']) {
      expect(ignored, pattern).toContain(pattern);
    }
  });
});
