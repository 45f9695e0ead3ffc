// PlaceMap draws places as GeoJSON polygons with MapLibre GL: no tile
// server, no glyphs, nothing fetched from outside. It is loaded on demand
// (its own chunk) and uses MapLibre's CSP build, whose worker is a file
// served by voicemap itself (so the CSP needs no blob: worker).
import { useEffect, useRef } from 'preact/hooks';
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type * as GeoJSON from 'geojson';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { DIVERGING } from '../palette';

maplibregl.setWorkerUrl(workerUrl);

export interface MapPlace {
  id: string;
  name: string;
  geometry: string;
  value: number;
}

type Pos = [number, number];

function bounds(fc: GeoJSON.FeatureCollection): [Pos, Pos] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      minX = Math.min(minX, c[0] as number);
      maxX = Math.max(maxX, c[0] as number);
      minY = Math.min(minY, c[1] as number);
      maxY = Math.max(maxY, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of fc.features) walk((f.geometry as GeoJSON.Polygon).coordinates);
  return [
    [minX, minY],
    [maxX, maxY],
  ];
}

export default function PlaceMap(props: { places: MapPlace[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const fc: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: props.places.map((p) => ({ type: 'Feature', id: p.id, properties: { name: p.name, value: p.value }, geometry: JSON.parse(p.geometry) })),
    };
    const max = Math.max(1e-9, ...props.places.map((p) => Math.abs(p.value)));
    const stops = DIVERGING.flatMap((c, i) => [-max + (2 * max * i) / (DIVERGING.length - 1), c]);
    const map = new maplibregl.Map({
      container: ref.current,
      attributionControl: false,
      style: {
        version: 8,
        sources: { places: { type: 'geojson', data: fc } },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f6f6f3' } },
          { id: 'fill', type: 'fill', source: 'places', paint: { 'fill-color': ['interpolate', ['linear'], ['get', 'value'], ...stops] as never, 'fill-opacity': 0.9 } },
          { id: 'line', type: 'line', source: 'places', paint: { 'line-color': '#333', 'line-width': 1.5 } },
        ],
      },
      bounds: bounds(fc),
      fitBoundsOptions: { padding: 24 },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    map.on('mousemove', 'fill', (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (!f) return;
      popup.setLngLat(e.lngLat).setText(`${f.properties.name}: £${Number(f.properties.value).toFixed(2)} per head`).addTo(map);
    });
    map.on('mouseleave', 'fill', () => popup.remove());
    // data-drawn marks the first complete frame (tests and screenshots wait for it).
    const el = ref.current;
    map.once('idle', () => el.setAttribute('data-drawn', 'true'));
    return () => {
      el.removeAttribute('data-drawn');
      map.remove();
    };
  }, [props.places]);
  return <div ref={ref} class="map" role="region" aria-label="Map of the places coloured by gap per head (the table beside it has the numbers)" data-testid="money-map-canvas" />;
}
