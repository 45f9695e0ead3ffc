import type { ComponentChildren } from 'preact';

/** Figure is a chart with its numbers as a table behind it, and a title. */
export function Figure(props: { title: string; chart?: ComponentChildren; table: ComponentChildren; note?: ComponentChildren; id?: string }) {
  return (
    <section class="figure" aria-labelledby={props.id ? `${props.id}-h` : undefined} data-testid={props.id}>
      <h2 id={props.id ? `${props.id}-h` : undefined}>{props.title}</h2>
      {props.note && <p class="note">{props.note}</p>}
      {props.chart}
      <details open={!props.chart}>
        <summary>The numbers</summary>
        {props.table}
      </details>
    </section>
  );
}

/** Stat is one headline figure. */
export function Stat(props: { label: string; value: string; testId: string; children?: ComponentChildren; title?: string }) {
  return (
    <div class="stat" data-testid={props.testId}>
      <div class="stat-label">{props.label}</div>
      <div class="stat-value" title={props.title} data-value={props.title}>
        {props.value}
      </div>
      {props.children}
    </div>
  );
}

/** Status shows a query's loading or error state. */
export function Status(props: { loading?: boolean; error?: { message: string; code: string } }) {
  if (props.error)
    return (
      <p class="error" role="alert">
        {props.error.message} ({props.error.code})
      </p>
    );
  if (props.loading) return <p class="loading" role="status">Loading…</p>;
  return null;
}
