// "Pull the network": a fetch the host uses that fails like a dead link while switched off.
export class NetworkSwitch {
  online = true;

  constructor(private readonly realFetch: typeof fetch = fetch) {}

  readonly fetch: typeof fetch = (input, init) => {
    if (!this.online) {
      const err = new TypeError('fetch failed', {
        cause: Object.assign(new Error('network pulled'), { code: 'ENETUNREACH' }),
      });
      return Promise.reject(err);
    }
    return this.realFetch(input, init);
  };
}
