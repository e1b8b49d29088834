// axios builds its fetch adapter when it loads, which touches globalThis.fetch/Request/Response and so loads
// Node's whole fetch stack (undici, http2, worker_threads) before the first request. The client always uses
// axios's http adapter, so the bundle gets this stand-in for the fetch one.
export const getFetch = () => {
  throw new Error('the fetch adapter is not included in this build; the client uses the http adapter');
};

export default false;
