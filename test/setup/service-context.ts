/**
 * Services without HTTP: a Nest application context of only the given feature modules, on a fresh
 * migrated test database, with a settable clock. No GraphQL schema, no server: tests call the
 * services (and read the repositories) directly.
 */
import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Clock, SettableClock } from '../../src/common/clock/clock';
import { loadConfig } from '../../src/common/config/app-config';
import { ConfigModule } from '../../src/common/config/config.module';
import { openTestDataSource, type TestDataSource } from './test-data-source';

@Module({})
class ServiceContextModule {
  static using(dataSource: DataSource, clock: Clock, features: Type[]): DynamicModule {
    return {
      module: ServiceContextModule,
      global: true,
      imports: [ConfigModule.forRoot(loadConfig({ NODE_ENV: 'test' })), ...features],
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: Clock, useValue: clock },
      ],
      exports: [DataSource, Clock],
    };
  }
}

export interface ServiceContext {
  context: INestApplicationContext;
  dataSource: DataSource;
  clock: SettableClock;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

export async function openServiceContext(features: Type[], now = '2018-12-01T18:00:00Z'): Promise<ServiceContext> {
  const db: TestDataSource = await openTestDataSource();
  const clock = new SettableClock(new Date(now));
  const context = await NestFactory.createApplicationContext(ServiceContextModule.using(db.dataSource, clock, features), {
    logger: false,
    abortOnError: false,
  });
  return {
    context,
    dataSource: db.dataSource,
    clock,
    get: (type) => context.get(type, { strict: false }),
    async close() {
      await context.close();
      await db.close();
    },
  };
}
