import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock/clock';
import type { AppConfig } from './common/config/app-config';
import { ConfigModule } from './common/config/config.module';
import { buildDataSourceOptions } from './common/database/data-source-options';
import { createErrorFormatter } from './common/graphql/format-error';
import { HealthController } from './common/health/health.controller';
import { graphqlMetricsPlugin } from './common/metrics/graphql-metrics.plugin';
import { MetricsModule } from './common/metrics/metrics.module';
import { MetricsService } from './common/metrics/metrics.service';
import { ReleasesModule } from './releases/releases.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Tests pass a settable clock; the service uses the system clock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, clock }: AppModuleOptions): DynamicModule {
    const graphqlLogger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(config, databaseUrl),
          dataSourceFactory: async (options) => new DataSource(options!).initialize(),
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [MetricsModule],
          inject: [MetricsService],
          useFactory: (metrics: MetricsService): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: config.graphql.introspection,
            includeStacktraceInErrorResponses: false,
            context: ({ request }: { request: unknown }) => ({ req: request }),
            formatError: createErrorFormatter({
              onInternalError: (error) => graphqlLogger.error(error instanceof Error ? error : String(error)),
            }),
            // Apollo's CJS and ESM typings differ by a private field; the plugin object is the same.
            plugins: [graphqlMetricsPlugin(metrics) as NonNullable<ApolloDriverConfig['plugins']>[number]],
          }),
        }),
        AuthModule,
        ReleasesModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: Clock, useValue: clock ?? new Clock() }],
      exports: [Clock],
      global: true,
    };
  }
}
