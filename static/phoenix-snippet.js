/*
 * <phoenix-snippet>: turns a code block on any page into a live, linted Phoenix Playground
 * embed. Plain JavaScript, no build step, no dependencies; served next to the playground
 * as static/phoenix-snippet.js.
 *
 *   <script src="https://playground.example/static/phoenix-snippet.js" defer></script>
 *   <phoenix-snippet theme="auto" rules="no-local-uploads,no-global-state" readonly lazy>
 *     <pre><code>const upload = multer({ dest: 'uploads/' });</code></pre>
 *   </phoenix-snippet>
 *
 * The <pre> stays in the page: readers without JavaScript and search engines see the code
 * as it is. With JavaScript, a "Check in Phoenix Playground" button is added under it; a
 * click (or, with `lazy`, the block scrolling into view) replaces the block with an iframe
 * of the playground's embed view (#/embed?…), which shows the same code with its findings.
 *
 * Attributes (all optional):
 *   src       the playground's address; default: where this script was loaded from
 *   theme     light | dark | auto              rules     comma-separated rule ids
 *   readonly  present = the reader cannot edit panel     findings | explanation | none
 *   height    iframe height in px before the embed reports its own (default 320)
 *   lazy      present = start when scrolled into view, without a click
 * Unknown or bad values are not guessed at here: the embed refuses them with a message.
 *
 * Styling: CSS custom properties on the element (or any ancestor)
 *   --phoenix-snippet-border   (default 1px solid #dedad2)
 *   --phoenix-snippet-radius   (default 12px)
 *   --phoenix-snippet-accent   (button background, default #d9480f)
 *   --phoenix-snippet-accent-text (button text, default #fff)
 *   --phoenix-snippet-font     (button font, default inherit)
 * and the parts ::part(button), ::part(frame), ::part(message).
 *
 * The code travels to the iframe in its address's fragment, in the playground's share
 * format `v1.<base64url(raw deflate(UTF-8 code))>` (app/src/shared/share.rs decodes it with
 * miniz_oxide's raw inflate, so this uses CompressionStream('deflate-raw'), not the zlib
 * 'deflate'). A fragment is never sent to a server. The iframe answers only with its
 * height: messages are read only from this element's own iframe, from the playground's
 * origin, in the exact shape {type: "phoenix-playground:resize", height: number}.
 */
(() => {
  'use strict';

  const RESIZE = 'phoenix-playground:resize';
  // The playground refuses share fragments longer than this (share::MAX_FRAGMENT_CHARS).
  const MAX_FRAGMENT_CHARS = 8 * 1024;
  const MIN_HEIGHT = 80;
  const MAX_HEIGHT = 4000;

  // The playground this script came from: its folder, one level above static/.
  const scriptBase = (() => {
    const script = document.currentScript;
    if (!script || !script.src) return null;
    return new URL('..', script.src).href;
  })();

  function base64url(bytes) {
    let binary = '';
    // Chunks keep String.fromCharCode's argument list short.
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** The share fragment (without '#') for `code`: `v1.<base64url(deflate-raw(code))>`. */
  async function encode(code) {
    const input = new Blob([new TextEncoder().encode(code)]).stream();
    const compressed = input.pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(compressed).arrayBuffer());
    return 'v1.' + base64url(bytes);
  }

  const styles = `
    :host { display: block; }
    .bar { display: flex; align-items: center; gap: 8px; margin: 6px 0 0; }
    button {
      font: var(--phoenix-snippet-font, inherit); font-size: 0.875em; cursor: pointer;
      padding: 6px 12px; border: 0; border-radius: var(--phoenix-snippet-radius, 12px);
      background: var(--phoenix-snippet-accent, #d9480f); color: var(--phoenix-snippet-accent-text, #fff);
    }
    button:focus-visible { outline: 3px solid #1c7ed6; outline-offset: 2px; }
    iframe {
      display: block; width: 100%; box-sizing: border-box;
      border: var(--phoenix-snippet-border, 1px solid #dedad2);
      border-radius: var(--phoenix-snippet-radius, 12px);
      background: transparent;
    }
    .message { font-size: 0.875em; margin: 6px 0 0; }
    [hidden] { display: none !important; }
  `;

  function styleSheet() {
    // A constructable sheet rather than a <style> element, so pages whose CSP forbids
    // inline styles can still use the component.
    if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
      return sheet;
    }
    return null;
  }
  let sharedSheet;

  class PhoenixSnippet extends HTMLElement {
    static encode = encode;

    constructor() {
      super();
      this._frame = null;
      this._observer = null;
      this._started = false;
      this._onMessage = this._onMessage.bind(this);
    }

    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      sharedSheet ??= styleSheet();
      if (sharedSheet) root.adoptedStyleSheets = [sharedSheet];
      else {
        const style = document.createElement('style');
        style.textContent = styles;
        root.append(style);
      }
      // The code block itself is slotted: it stays in the page's own DOM and styles.
      const code = document.createElement('slot');
      const bar = document.createElement('div');
      bar.className = 'bar';
      const button = document.createElement('button');
      button.type = 'button';
      button.part = 'button';
      button.textContent = 'Check in Phoenix Playground';
      button.addEventListener('click', () => this.start());
      bar.append(button);
      const message = document.createElement('p');
      message.className = 'message';
      message.part = 'message';
      message.setAttribute('role', 'status');
      message.hidden = true;
      root.append(code, bar, message);
      this._parts = { code, bar, button, message };

      if (this.hasAttribute('lazy') && 'IntersectionObserver' in window) {
        this._observer = new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting)) this.start();
        });
        this._observer.observe(this);
      }
    }

    disconnectedCallback() {
      this._observer?.disconnect();
      this._observer = null;
      window.removeEventListener('message', this._onMessage);
    }

    /** The playground's address, from `src` or from where this script was loaded. */
    _base() {
      const src = this.getAttribute('src') || scriptBase;
      if (!src) return null;
      try {
        const url = new URL(src, document.baseURI);
        // Only a web page may be framed: never javascript:, data: or the like.
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
        url.hash = '';
        return url;
      } catch {
        return null;
      }
    }

    _say(text) {
      this._parts.message.textContent = text;
      this._parts.message.hidden = false;
    }

    /** Replaces the code block with the live embed. Safe to call more than once. */
    async start() {
      if (this._started || !this._parts) return;
      this._started = true;
      this._observer?.disconnect();
      const pre = this.querySelector('pre');
      const base = this._base();
      if (!pre || !base) {
        this._say(!pre ? 'No code block to check.' : 'The playground address (src) is not an http(s) URL.');
        return;
      }
      if (typeof CompressionStream === 'undefined') {
        this._say('This browser cannot compress the code for the playground.');
        return;
      }
      const fragment = await encode(pre.textContent);
      if (fragment.length > MAX_FRAGMENT_CHARS) {
        this._say('This code is too long to embed; copy it into the playground instead.');
        return;
      }
      const params = new URLSearchParams();
      params.set('code', fragment);
      for (const name of ['theme', 'rules', 'panel']) {
        const value = this.getAttribute(name);
        if (value !== null) params.set(name, value);
      }
      if (this.hasAttribute('readonly')) params.set('readonly', '1');
      // Ask the embed to send its height to this page only. A file:// page has no origin
      // the embed could name, so it is left to the default ("*": the height only).
      if (/^https?:$/.test(location.protocol)) params.set('origin', location.origin);

      const frame = document.createElement('iframe');
      frame.part = 'frame';
      frame.title = 'Phoenix Playground: this code, checked for server-side state';
      frame.loading = 'eager';
      frame.referrerPolicy = 'no-referrer';
      const height = Number.parseInt(this.getAttribute('height') ?? '', 10);
      frame.style.height = clamp(Number.isFinite(height) ? height : 320) + 'px';
      frame.src = `${base.href}#/embed?${params}`;
      this._origin = base.origin;
      this._frame = frame;
      window.addEventListener('message', this._onMessage);
      // The block is replaced, not removed: it stays in the light DOM, unslotted.
      this._parts.code.replaceWith(frame);
      this._parts.bar.hidden = true;
      this.setAttribute('data-state', 'embedded');
    }

    _onMessage(event) {
      if (!this._frame || event.source !== this._frame.contentWindow) return;
      if (event.origin !== this._origin) return;
      const data = event.data;
      if (!data || typeof data !== 'object' || data.type !== RESIZE) return;
      if (typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
      this._frame.style.height = clamp(Math.ceil(data.height)) + 'px';
      this.dispatchEvent(new CustomEvent('phoenix-snippet:resize', { detail: { height: data.height } }));
    }
  }

  function clamp(height) {
    return Math.min(Math.max(height, MIN_HEIGHT), MAX_HEIGHT);
  }

  if (!customElements.get('phoenix-snippet')) customElements.define('phoenix-snippet', PhoenixSnippet);
})();
