import { forgetTokenLookupsAfterMutationsPlugin, grantsForReadsOnlyPlugin } from './auth/grants-for-reads.plugin';
import { AuthService } from './auth/auth.service';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Logger as PinoLogger } from 'pino';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock/clock';
import type { AppConfig } from './common/config/app-config';
import { ConfigModule } from './common/config/config.module';
import { buildDataSourceOptions } from './common/database/data-source-options';
import { createErrorFormatter } from './common/graphql/format-error';
import { guardTextArguments } from './common/graphql/text-guard';
import { HealthModule } from './common/health/health.module';
import { apolloLogger } from './common/logging/logger';
import { LoggingModule } from './common/logging/logging.module';
import { graphqlMetricsPlugin } from './common/metrics/graphql-metrics.plugin';
import { MetricsModule } from './common/metrics/metrics.module';
import { MetricsService } from './common/metrics/metrics.service';
import { errorLoggingPlugin } from './common/graphql/error-logging.plugin';
import { checkDeadlineBeforeRootFields } from './common/graphql/request-deadline';
import { answerPrefetchedFieldsFirst } from './common/graphql/prefetched-fields';
import { requestLimitsPlugin } from './common/graphql/request-limits.plugin';
import { CatalogResponseCache } from './releases/catalog-response-cache';
import { AnswerCacheMetrics } from './applications/answer-cache-metrics';
import { SignedInAnswerCache } from './applications/signed-in-answer-cache';
import { todayEachMinute } from './calendar/calendar-date';
import { CatalogStore } from './releases/catalog.store';
import { ReleasesModule } from './releases/releases.module';
import { AdvisoriesModule } from './advisories/advisories.module';
import { ScanningModule } from './scanning/scanning.module';
import { ApplicationsModule } from './applications/applications.module';
import { DeploymentsModule } from './deployments/deployments.module';
import { ImpactModule } from './impact/impact.module';
import { InventoryImportModule } from './inventory-import/inventory-import.module';
import { SnapshotsModule } from './snapshots/snapshots.module';
import { GroupsModule } from './groups/groups.module';
import { InventoryAuditLogModule } from './inventory-audit/inventory-audit-log.module';
import { NoticesModule } from './notices/notices.module';
import { MigrationTrackingModule } from './migration-tracking/migration-tracking.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { FeedsModule } from './feeds/feeds.module';
import { PagesModule } from './pages/pages.module';

export interface AppModuleOptions {
  config: AppConfig;
  logger: PinoLogger;
  databaseUrl: string;
  /** Tests pass a settable clock; the service uses the system clock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, clock, logger }: AppModuleOptions): DynamicModule {
    const theClock = clock ?? new Clock();
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        TypeOrmModule.forRootAsync({
          // Each module registers the entities it owns with TypeOrmModule.forFeature.
          useFactory: () => ({ ...buildDataSourceOptions(config, databaseUrl, [], logger), autoLoadEntities: true }),
          dataSourceFactory: async (options) => new DataSource(options!).initialize(),
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [MetricsModule, AuthModule],
          inject: [MetricsService, CatalogResponseCache, SignedInAnswerCache, AuthService],
          useFactory: (
            metrics: MetricsService,
            catalogCache: CatalogResponseCache,
            answerCache: SignedInAnswerCache,
            auth: AuthService,
          ): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: config.graphql.introspection,
            includeStacktraceInErrorResponses: false,
            // The parser gives up past this many tokens, before a huge document becomes a huge tree.
            parseOptions: { maxTokens: config.graphql.maxTokens },
            context: ({ request }: { request: unknown }) => ({ req: request }),
            formatError: createErrorFormatter(),
            logger: apolloLogger(logger),
            // Text arguments are checked before their resolver; the deadline before both. Values a
            // list read with its nodes are answered without calling their field resolvers.
            transformSchema: (schema) => answerPrefetchedFieldsFirst(checkDeadlineBeforeRootFields(guardTextArguments(schema))),
            // Apollo's CJS and ESM typings differ by a private field; the plugin objects are the same.
            plugins: [
              graphqlMetricsPlugin(metrics),
              errorLoggingPlugin(logger.child({ context: 'GraphQL' })),
              requestLimitsPlugin({
                maxAliases: config.graphql.maxAliases,
                maxDepth: config.graphql.maxDepth,
                maxCost: config.graphql.maxCost,
                maxScanBytes: config.scan.maxUploadBytes,
              }),
              catalogCache.plugin(),
              grantsForReadsOnlyPlugin(),
              answerCache.plugin(),
              forgetTokenLookupsAfterMutationsPlugin(auth),
              // No cache hints are used; the plugin would wrap every field resolver for nothing.
              ApolloServerPluginCacheControlDisabled(),
            ] as NonNullable<ApolloDriverConfig['plugins']>,
          }),
        }),
        AuthModule,
        ReleasesModule,
        AdvisoriesModule,
        ScanningModule,
        GroupsModule,
        ApplicationsModule,
        DeploymentsModule,
        SnapshotsModule,
        ImpactModule,
        InventoryImportModule,
        InventoryAuditLogModule,
        NoticesModule,
        MigrationTrackingModule,
        DeliveriesModule,
        FeedsModule,
        HealthModule,
        PagesModule,
        LoggingModule,
      ],
      providers: [
        { provide: Clock, useValue: theClock },
        {
          // Shared by the GraphQL plugin that fills it and the HTTP hook that answers from it (app.factory.ts).
          provide: CatalogResponseCache,
          inject: [CatalogStore],
          useFactory: (catalog: CatalogStore) => new CatalogResponseCache(catalog, theClock, config.campusTimeZone, config.graphql.catalogCacheBytes),
        },
        {
          provide: SignedInAnswerCache,
          inject: [DataSource, MetricsService],
          useFactory: (dataSource: DataSource, metrics: MetricsService) => {
            // The metrics read the cache when scraped; the cache reports its lookups to them.
            let cache: SignedInAnswerCache | null = null;
            const measured = new AnswerCacheMetrics(metrics, () => ({ entries: cache?.size ?? 0, bytes: cache?.bytes ?? 0 }));
            cache = new SignedInAnswerCache({
              databaseUrl: (dataSource.options as { url?: string }).url ?? '',
              ttlMs: config.graphql.answerCacheTtlMs,
              maxBytes: config.graphql.answerCacheBytes,
              today: todayEachMinute(config.campusTimeZone, () => theClock.now()),
              lookedUp: (outcome) => measured.lookedUp(outcome),
            });
            return cache;
          },
        },
      ],
      exports: [Clock, CatalogResponseCache, SignedInAnswerCache],
      global: true,
    };
  }
}
