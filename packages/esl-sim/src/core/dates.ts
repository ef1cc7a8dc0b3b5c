const pad = (n: number) => String(n).padStart(2, '0');

/** `%Y-%m-%d %T` in local time: Event-Date-Local, the *_stamp variables, `show channels`. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
