import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTITIES } from '../../src/app-entities';
import { startTestService, type TestService } from '../setup/test-app';

// The app loads the entities its modules register (TypeOrmModule.forFeature); the TypeORM CLI,
// the operator CLI and the migration drift check use APP_ENTITIES. Both must name the same tables,
// or a migration could be generated for a table the app does not know, or the other way round.
describe('entities', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service.close());

  it('registered by the modules are exactly the ones listed in src/app-entities.ts', () => {
    const registered = service.dataSource.entityMetadatas.map(({ target }) => (typeof target === 'string' ? target : target.name));
    const listed = APP_ENTITIES.map((entity) => entity.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect(registered.sort()).toEqual(listed.sort());
  });
});
