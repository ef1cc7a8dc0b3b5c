// Any attempt to pollute the shared prototype fails loudly, where it happens, instead of
// quietly changing every object of the test's process: Object.prototype is frozen.
//
// A frozen prototype alone also breaks honest code: assigning `Long.prototype.toString`
// throws when the inherited `toString` is read-only (the "override mistake"). So, as
// hardened JavaScript does, each of its data properties first becomes an accessor whose
// setter gives any other object an own property and refuses only Object.prototype itself.
const proto = Object.prototype;
for (const key of Reflect.ownKeys(proto)) {
  const descriptor = Object.getOwnPropertyDescriptor(proto, key);
  if (!descriptor || !('value' in descriptor)) continue;
  const value = descriptor.value;
  Object.defineProperty(proto, key, {
    get() {
      return value;
    },
    set(next) {
      if (this === proto) throw new TypeError(`Cannot assign to read only property '${String(key)}' of Object.prototype`);
      Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}
Object.freeze(proto);
