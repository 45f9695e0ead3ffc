import type { PlaceItemFragment } from '../generated/graphql';

/** treeOrder returns the places depth first, each with its depth, children by name. */
export function treeOrder(places: PlaceItemFragment[]): { place: PlaceItemFragment; depth: number }[] {
  const ids = new Set(places.map((p) => p.id));
  const kids = new Map<string, PlaceItemFragment[]>();
  const roots: PlaceItemFragment[] = [];
  for (const p of places) {
    const parent = p.parent?.id;
    if (parent && ids.has(parent)) {
      if (!kids.has(parent)) kids.set(parent, []);
      kids.get(parent)!.push(p);
    } else roots.push(p);
  }
  const byName = (a: PlaceItemFragment, b: PlaceItemFragment) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const out: { place: PlaceItemFragment; depth: number }[] = [];
  const visit = (p: PlaceItemFragment, depth: number) => {
    out.push({ place: p, depth });
    for (const k of (kids.get(p.id) ?? []).sort(byName)) visit(k, depth + 1);
  };
  for (const r of roots.sort(byName)) visit(r, 0);
  return out;
}

/** PlacePicker chooses the place (with its sub-places) every view shows: only the places the key may read. */
export function PlacePicker(props: { places: PlaceItemFragment[]; value: string; onChange: (id: string) => void }) {
  return (
    <div class="control">
      <label for="place">Place</label>
      <select id="place" value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {treeOrder(props.places).map(({ place, depth }) => (
          <option value={place.id}>{'\u00a0\u00a0'.repeat(depth) + place.name}</option>
        ))}
      </select>
    </div>
  );
}
