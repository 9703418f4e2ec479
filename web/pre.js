// The JavaScript the browser forces on us, bundled into app.js (--pre-js). Before main():
// mount IndexedDB storage (IDBFS) and load the font. Afterwards: pointer, wheel and key
// events into the app, frames only when something happened, the text field overlay,
// file pick/download, the accessible mirror. The app's own logic is all in C++.
/* global Module, FS, IDBFS, HEAPU8, addRunDependency, removeRunDependency, lengthBytesUTF8, stringToUTF8 */
var SL = (Module.SL = Module.SL || {});

Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  // Plans live in IndexedDB through IDBFS at /plans; read them before the app starts.
  FS.mkdir('/plans');
  FS.mount(IDBFS, {}, '/plans');
  addRunDependency('syncfs');
  FS.syncfs(true, function (err) {
    if (err) console.error('Plan Samenleven: opslag niet gelezen', err);
    removeRunDependency('syncfs');
  });
  FS.mkdir('/font');
  addRunDependency('font');
  fetch(SL.fontUrl || 'DejaVuSans.ttf')
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); })
    .then(function (buf) { FS.writeFile('/font/DejaVuSans.ttf', new Uint8Array(buf)); })
    .catch(function (e) { console.error('Plan Samenleven: lettertype niet geladen', e); })
    .finally(function () { removeRunDependency('font'); });
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function (granted) { SL.persisted = granted; });
  }
});

// [SECTION] Durable storage: FS.syncfs(false) writes /plans to IndexedDB in one
// transaction; calls never overlap, a request during a sync runs once it is done.
SL.syncing = false;
SL.syncAgain = false;
SL.pendingSync = 0;  // writes not yet in IndexedDB (the tests wait for 0)
SL.sync = function () {
  SL.pendingSync++;
  if (SL.syncing) { SL.syncAgain = true; return; }
  SL.syncing = true;
  var covered = SL.pendingSync;
  FS.syncfs(false, function (err) {
    SL.syncing = false;
    SL.pendingSync -= covered;
    if (Module._app_storage_result) Module._app_storage_result(err ? 0 : 1);
    if (err) console.error('Plan Samenleven: opslaan mislukt', err);
    if (SL.syncAgain) { SL.syncAgain = false; SL.pendingSync--; SL.sync(); }
  });
};

// [SECTION] Frames only when needed
SL.scheduled = false;
SL.wakeTimer = 0;
SL.requestFrame = function () {
  if (SL.scheduled || !SL.started) return;
  SL.scheduled = true;
  requestAnimationFrame(SL.runFrame);
};
SL.runFrame = function () {
  SL.scheduled = false;
  if (SL.inFrame) return;  // a frame that causes a DOM event must not nest another
  SL.inFrame = true;
  try { SL.frame(); } finally { SL.inFrame = false; }
};
SL.frame = function () {
  clearTimeout(SL.wakeTimer);
  var next = Module._app_frame();
  if (next === 0) SL.requestFrame();
  else if (next > 0) SL.wakeTimer = setTimeout(SL.requestFrame, next);
};
// Inside an event handler: run the frames that handle it now, so that what they start
// (focusing the text field, a file picker, a new tab) counts as a user gesture.
SL.runFramesNow = function (n) {
  if (SL.inFrame) { SL.requestFrame(); return; }
  SL.inFrame = true;
  try { for (var i = 0; i < n; i++) Module._app_frame(); } finally { SL.inFrame = false; }
  SL.requestFrame();
};

// [SECTION] Canvas size and pixel density
SL.resize = function () {
  var canvas = Module.canvas;
  var dpr = window.devicePixelRatio || 1;
  var w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  var h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  Module._app_resize(w, h, dpr);
  SL.requestFrame();
};
// Browser zoom (Ctrl +, up to 200 % and beyond) and moving to another screen change
// devicePixelRatio; not every such change fires resize. A media query on the current ratio
// tells when it changes, and is made anew for the new ratio each time.
SL.watchPixelRatio = function () {
  if (!window.matchMedia) return;
  var query = SL.pixelRatioQuery = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
  var changed = function () {
    if (query.removeEventListener) query.removeEventListener('change', changed); else query.removeListener(changed);
    SL.resize();
    SL.watchPixelRatio();
  };
  if (query.addEventListener) query.addEventListener('change', changed); else query.addListener(changed);
};

// [SECTION] Input
SL.pointerKind = function (e) { return e.pointerType === 'touch' ? 1 : e.pointerType === 'pen' ? 2 : 0; };
SL.point = function (e) {
  var r = Module.canvas.getBoundingClientRect();
  var dpr = window.devicePixelRatio || 1;
  return [(e.clientX - r.left) * dpr, (e.clientY - r.top) * dpr];
};
// The app follows one pointer at a time (SL.pointerId; null: none down, mouse hover goes
// through). The canvas lets the browser pinch-zoom (touch-action: pinch-zoom): a second finger
// cancels the first finger's tap or drag in the app, and the fingers are left to the browser
// until all have lifted. The browser's own pointercancel on a pinch ends it the same way.
SL.pointerId = null;
SL.touches = {};  // touch pointers down on the canvas
SL.pinching = false;
SL.follows = function (e) { return SL.pointerId === null ? e.pointerType !== 'touch' : e.pointerId === SL.pointerId; };
SL.cancelPointer = function () {
  if (SL.pointerId === null) return;
  SL.pointerId = null;
  Module._app_pointer(3, 0, 0, 0, 0);
  SL.requestFrame();
};
SL.pointerGone = function (e) {
  delete SL.touches[e.pointerId];
  if (SL.pinching && Object.keys(SL.touches).length === 0) SL.pinching = false;
};
SL.installInput = function () {
  var c = Module.canvas;
  c.addEventListener('pointerdown', function (e) {
    if (e.pointerType === 'touch') {
      SL.touches[e.pointerId] = true;
      if (SL.pinching || Object.keys(SL.touches).length > 1) { SL.pinching = true; SL.cancelPointer(); return; }
    }
    SL.pointerId = e.pointerId;
    var p = SL.point(e);
    try { c.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ }
    Module._app_pointer(0, SL.pointerKind(e), p[0], p[1], e.button === 2 ? 1 : e.button === 1 ? 2 : 0);
    SL.requestFrame();
  });
  c.addEventListener('pointermove', function (e) {
    if (!SL.follows(e)) return;
    var p = SL.point(e);
    Module._app_pointer(1, SL.pointerKind(e), p[0], p[1], 0);
    SL.requestFrame();
  });
  c.addEventListener('pointerup', function (e) {
    SL.pointerGone(e);
    if (e.pointerId !== SL.pointerId) return;
    SL.pointerId = null;
    var p = SL.point(e);
    Module._app_pointer(2, SL.pointerKind(e), p[0], p[1], e.button === 2 ? 1 : e.button === 1 ? 2 : 0);
    SL.runFramesNow(3);
  });
  c.addEventListener('pointercancel', function (e) {
    SL.pointerGone(e);
    if (e.pointerId === SL.pointerId) SL.cancelPointer();
  });
  c.addEventListener('pointerleave', function (e) {
    if (e.pointerType === 'mouse') { Module._app_pointer(1, 0, -1e9, -1e9, 0); SL.requestFrame(); }
  });
  c.addEventListener('wheel', function (e) {
    if (e.ctrlKey) return;  // Ctrl + wheel, a touchpad pinch: the browser's zoom
    e.preventDefault();
    var scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
    Module._app_wheel(-e.deltaX * scale, -e.deltaY * scale);
    SL.requestFrame();
  }, { passive: false });
  c.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  window.addEventListener('keydown', function (e) {
    if (e.target === SL.input || e.target === SL.area) return;
    var key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && key === 'z') { Module._app_key(e.shiftKey ? 2 : 1); e.preventDefault(); }
    else if ((e.ctrlKey || e.metaKey) && key === 'y') { Module._app_key(2); e.preventDefault(); }
    else return;
    SL.requestFrame();
  });
  window.addEventListener('resize', SL.resize);
  SL.watchPixelRatio();
  if (window.visualViewport) window.visualViewport.addEventListener('resize', SL.resize);
  // Leaving the page: write what is pending now.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') Module._app_flush();
  });
  window.addEventListener('pagehide', function () { Module._app_flush(); });
};

// [SECTION] Text field overlay: a real <input> (or <textarea>) over the ImGui field, so the
// on-screen keyboard, accents, autocorrect and paste work as everywhere else.
SL.makeEditor = function (tag) {
  var el = document.createElement(tag);
  el.className = 'overlay-editor';
  el.setAttribute('autocomplete', 'off');
  el.setAttribute('enterkeyhint', 'done');
  el.hidden = true;
  el.addEventListener('input', function () {
    SL.callString(Module._app_text_input, el.value);
    SL.requestFrame();
  });
  el.addEventListener('keydown', function (e) {
    // Enter finishes the field; in a long text Shift+Enter starts a new line.
    if (e.key === 'Enter' && (tag === 'input' || !e.shiftKey)) { e.preventDefault(); el.blur(); }
    else if (e.key === 'Escape') { e.preventDefault(); el.blur(); }
    else if (e.key === 'Tab') {
      // To the next field in the app (inside the key event: focusing it is allowed).
      e.preventDefault();
      Module._app_text_tab(e.shiftKey ? -1 : 1);
      SL.runFramesNow(3);
    }
  });
  el.addEventListener('blur', function () {
    if (SL.editor !== el) return;
    SL.editor = null;
    el.hidden = true;
    Module._app_text_commit();
    SL.runFramesNow(1);
  });
  document.body.appendChild(el);
  return el;
};
SL.placeEditor = function (el, x, y, w, h) {
  var dpr = window.devicePixelRatio || 1;
  var r = Module.canvas.getBoundingClientRect();
  el.style.left = (r.left + window.scrollX + x / dpr) + 'px';
  el.style.top = (r.top + window.scrollY + y / dpr) + 'px';
  el.style.width = (w / dpr) + 'px';
  el.style.height = (el === SL.area ? Math.max(h / dpr, 132) : h / dpr) + 'px';
};
SL.beginText = function (key, label, value, x, y, w, h, kind) {
  if (!SL.input) { SL.input = SL.makeEditor('input'); SL.area = SL.makeEditor('textarea'); }
  var el = kind === 2 ? SL.area : SL.input;
  var other = el === SL.input ? SL.area : SL.input;
  if (SL.editor === other) { SL.editor = null; other.hidden = true; }
  SL.editor = el;
  el.dataset.key = key;
  el.setAttribute('aria-label', label);
  if (el === SL.input) {
    el.type = 'text';
    el.inputMode = kind === 1 ? 'numeric' : 'text';
  }
  el.value = value;
  SL.placeEditor(el, x, y, w, h);
  el.hidden = false;
  el.focus({ preventScroll: true });
  el.setSelectionRange(el.value.length, el.value.length);
};
SL.moveText = function (x, y, w, h) { if (SL.editor) SL.placeEditor(SL.editor, x, y, w, h); };
SL.endText = function () {
  var el = SL.editor;
  if (!el) return;
  SL.editor = null;  // no commit from this blur: the app ended the edit itself
  el.hidden = true;
  el.blur();
};

// [SECTION] Files, clipboard, accessible mirror
SL.callString = function (fn, text) {
  var n = lengthBytesUTF8(text) + 1;
  var p = Module._malloc(n);
  stringToUTF8(text, p, n);
  fn(p);
  Module._free(p);
};
// Bytes (a Uint8Array) into the app's memory for one call: fn(pointer, length). The app gets
// them exactly as they are: nothing here decodes them (the core reads and judges them).
SL.callBytes = function (fn, bytes) {
  var p = Module._malloc(bytes.length + 1);
  HEAPU8.set(bytes, p);
  try { fn(p, bytes.length); } finally { Module._free(p); }
};
// A picked file goes to the app as its raw bytes. The app checks its size first
// (app_file_chosen, the limit is in C++): a file above the limit is refused without being read.
SL.pickFile = function (accept) {
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.style.display = 'none';
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    input.remove();
    if (!file) return;
    var read = 0;
    SL.callString(function (name) { read = Module._app_file_chosen(name, file.size); }, file.name);
    SL.requestFrame();
    if (!read) return;
    var deliver = function (bytes) {  // null: the file could not be read
      SL.callString(function (name) {
        if (bytes) SL.callBytes(function (p, n) { Module._app_file_picked(name, p, n); }, bytes);
        else Module._app_file_picked(name, 0, -1);
      }, file.name);
      SL.requestFrame();
    };
    file.arrayBuffer().then(function (buffer) { deliver(new Uint8Array(buffer)); }, function () { deliver(null); });
  });
  document.body.appendChild(input);
  input.click();
};
SL.download = function (name, mime, text) {
  var url = URL.createObjectURL(new Blob([text], { type: mime }));
  var a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
};
SL.openPage = function (name, html) {
  var url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  var w = window.open(url, '_blank');
  if (!w) SL.download(name, 'text/html;charset=utf-8', html);
  setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
};
SL.copy = function (text) {
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(function () {});
};
SL.announce = function (text) {
  var el = document.getElementById('a11y-summary');
  if (el) el.textContent = text;
};

// [SECTION] Network: one fetch() at a time for the sync (app/sync.h); the answer goes back
// to the app with its status, 0 when the network failed. online/offline events wake it.
SL.http = function (method, url, token, body) {
  var headers = { 'Authorization': 'Bearer ' + token };
  if (body) headers['Content-Type'] = 'application/json';
  // The answer's bytes as they came (not decoded here, like a picked file).
  var answer = function (status, bytes) {
    SL.callBytes(function (p, n) { Module._app_http_response(status, p, n); }, bytes);
    SL.requestFrame();
  };
  fetch(url, { method: method, headers: headers, body: body || undefined, cache: 'no-store' })
    .then(function (r) { return r.arrayBuffer().then(function (b) { return { status: r.status, bytes: new Uint8Array(b) }; }); })
    .then(function (a) { answer(a.status, a.bytes); },
          function (e) { answer(0, new TextEncoder().encode(String(e && e.message || e))); });
};
SL.installNetwork = function () {
  var changed = function () { Module._app_online(navigator.onLine ? 1 : 0); SL.requestFrame(); };
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
};

Module.onRuntimeInitialized = function () {
  SL.installInput();
  SL.installNetwork();
};
