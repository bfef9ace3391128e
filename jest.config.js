// Jest runs in ESM mode (NestJS 12 is ESM-only): node --experimental-vm-modules + @swc/jest.
const libs = [
  'contracts',
  'messaging',
  'persistence',
  'service-runtime',
  'gateway',
  'identity',
  'voice',
  'synthesis',
  'jobs',
  'storage',
  'audio',
];

const moduleNameMapper = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^#test-support$': '<rootDir>/test/support/index.ts',
};
for (const lib of libs) moduleNameMapper[`^#${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    },
  ],
};

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  setupFiles: ['<rootDir>/test/setup-env.cjs'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 30000,
};
