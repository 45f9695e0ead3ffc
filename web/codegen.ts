// GraphQL Code Generator: types for every operation in src/graphql/*.graphql
// from the server's schema (../graph/*.graphqls), so a schema change that
// breaks the dashboard fails `npm run build`. documentMode "string" emits
// each operation as a typed string: no GraphQL parser in the page.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: ['../graph/*.graphqls'],
  documents: ['src/graphql/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { Date: 'string', ID: 'string' },
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: true,
      },
    },
  },
  hooks: {},
  silent: true,
};
export default config;
