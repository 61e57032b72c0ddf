import { hubEntities as appEntities } from '@app/hub/entities';
import { hubEntities as testingEntities } from '@ereceipt/testing/entities';

/** Library specs take the hub's entities from libs/testing (a library does not import an app): the two lists must stay the same. */
describe('the entity list of libs/testing', () => {
  it('holds exactly the entities of apps/hub/src/entities.ts', () => {
    const names = (list: ReadonlyArray<{ name: string }>) => list.map((e) => e.name).sort();
    expect(names(testingEntities)).toEqual(names(appEntities));
    expect(new Set(testingEntities)).toEqual(new Set(appEntities));
  });
});
