// The JavaScript the browser forces on us, bundled into app.js (--pre-js). Before main():
// open IndexedDB storage (IDBFS) and load the font while the WebAssembly compiles, then
// mount and read the plans. Afterwards: pointer, wheel and key events into the app, frames
// only when something happened, the text field overlay, file pick/download, the accessible
// mirror and the keyboard. The app's own logic is all in C++.
/* global Module, FS, IDBFS, HEAPU8, addRunDependency, removeRunDependency, lengthBytesUTF8, stringToUTF8 */
var SL = (Module.SL = Module.SL || {});

// preInit runs once app.js has started the WebAssembly download and compile, before preRun,
// which runs only when that is done. The database opened by boot.js (on a first visit the
// browser creates it, tens of ms) and the font (preloaded by the page) come in alongside the
// compile; each is a run dependency, so preRun and main() wait for both.
Module.preInit = Module.preInit || [];
Module.preInit.push(function () {
  addRunDependency('idb-open');
  (SL.storageOpen || Promise.resolve(null)).then(function (db) {
    if (db && db.objectStoreNames.contains(IDBFS.DB_STORE_NAME)) IDBFS.dbs['/plans'] = db;  // the mount's database
    else if (db) db.close();
    if (!IDBFS.dbs['/plans']) SL.storageNew = false;
    IDBFS.getDB('/plans', function (err) {  // the one from boot.js, else opened here
      if (err) console.error('Plan Samenleven: opslag niet geopend', err);
      removeRunDependency('idb-open');
    });
  });
  // The bytes are written to /font in preRun: the file system needs the wasm memory.
  addRunDependency('font');
  fetch(SL.fontUrl || 'DejaVuSans.ttf')
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); })
    .then(function (buf) { SL.fontBytes = new Uint8Array(buf); })
    .catch(function (e) { console.error('Plan Samenleven: lettertype niet geladen', e); })
    .finally(function () { removeRunDependency('font'); });
});

Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  // Plans live in IndexedDB through IDBFS at /plans; read them before the app starts (a
  // database boot.js has just made is empty: nothing to read, the first visit saves a trip).
  FS.mkdir('/plans');
  FS.mount(IDBFS, {}, '/plans');
  if (!SL.storageNew) {
    addRunDependency('syncfs');
    FS.syncfs(true, function (err) {
      if (err) console.error('Plan Samenleven: opslag niet gelezen', err);
      removeRunDependency('syncfs');
    });
  }
  FS.mkdir('/font');  // no file there: the app draws with ImGui's own font
  if (SL.fontBytes) FS.writeFile('/font/DejaVuSans.ttf', SL.fontBytes);
  SL.fontBytes = null;
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
  SL.writeNow();
};
SL.writeNow = function () {
  if (!SL.hasLock || SL.pendingSync === 0) return;  // another tab writes (below): nothing from here
  if (SL.syncing) { SL.syncAgain = true; return; }
  SL.syncing = true;
  var covered = SL.pendingSync;
  FS.syncfs(false, function (err) {
    SL.syncing = false;
    SL.pendingSync -= covered;
    if (Module._app_storage_result) Module._app_storage_result(err ? 0 : 1);
    if (err) console.error('Plan Samenleven: opslaan mislukt', err);
    if (SL.syncAgain) { SL.syncAgain = false; SL.writeNow(); }
  });
};

// [SECTION] One tab at a time (Web Locks). Two tabs of this browser profile would each keep
// the plans in memory and write them all to IndexedDB, the one's save over the other's. The
// page that holds the lock writes; another shows why (app_other_tab: 1 open already, 2 taken
// over since) and can take it over: it steals the lock, the holder stops writing and says
// so, and the taker loads again to read what the holder saved. A page being reloaded lets go
// of the lock as it unloads, so the new page waits a second before it calls the lock another
// tab's. Without Web Locks (an old browser) every page writes, as before.
SL.lockName = 'plan-samenleven';
SL.hasLock = !(navigator.locks && navigator.locks.request);
SL.otherTab = 0;
SL.setOtherTab = function (kind) {
  SL.otherTab = kind;
  if (SL.started) Module._app_other_tab(kind);
};
SL.takeOver = function () {
  if (!navigator.locks || SL.takingOver) return;
  SL.takingOver = true;  // this page goes: its first request, still waiting, must not load it again
  navigator.locks.request(SL.lockName, { steal: true }, function () {
    location.reload();
    return new Promise(function () {});  // held until this page goes
  });
};
if (!SL.hasLock) {
  SL.holdLock = function (lock) {
    if (!lock || SL.takingOver) return undefined;
    if (SL.otherTab === 1) { location.reload(); return undefined; }  // the other tab closed: read what it saved
    SL.hasLock = true;
    SL.writeNow();  // what was saved while the lock was on its way
    return new Promise(function () {});  // held until this page goes
  };
  SL.lostLock = function () {  // another tab took the lock over
    SL.hasLock = false;
    SL.setOtherTab(2);
  };
  navigator.locks.request(SL.lockName, { ifAvailable: true }, function (lock) {
    if (lock) return SL.holdLock(lock);
    // Held: by another tab, or by this page's last load, still unloading. Wait for it; still
    // held after a second, it is another tab's.
    navigator.locks.request(SL.lockName, SL.holdLock).catch(SL.lostLock);
    setTimeout(function () { if (!SL.hasLock && !SL.otherTab) SL.setOtherTab(1); }, 1000);
    return undefined;
  }).catch(SL.lostLock);
}

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
    else if (e.key === 'Escape') { if (Module._app_key(3)) e.preventDefault(); SL.runFramesNow(3); return; }
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
    // Enter finishes the field (in a long text Shift+Enter starts a new line), Escape too:
    // the keyboard focus goes back to the field in the mirror.
    if ((e.key === 'Enter' && (tag === 'input' || !e.shiftKey)) || e.key === 'Escape') {
      e.preventDefault();
      var node = SL.mirrorNode(el.dataset.key);
      el.blur();
      if (node) SL.focusQuietly(node);
    } else if (e.key === 'Tab') {
      // To the next (previous) widget of the mirror, inside the key event; leaving the
      // field commits it (blur). After the last one the browser moves on: no trap.
      var next = SL.nextFocusable(SL.mirrorNode(el.dataset.key), e.shiftKey ? -1 : 1);
      if (next) { e.preventDefault(); next.focus({ preventScroll: true }); }
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
  // The mirror's name of the field: unique, with the row it belongs to.
  var node = SL.mirrorNode(key);
  el.setAttribute('aria-label', node && node.__v ? node.__v.name : label);
  var desc = node && node.getAttribute('aria-describedby');
  if (desc) el.setAttribute('aria-describedby', desc); else el.removeAttribute('aria-describedby');
  if (node && node.getAttribute('aria-invalid')) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
  if (el === SL.input) {
    el.type = 'text';
    el.inputMode = kind === 1 ? 'numeric' : 'text';
  }
  el.value = value;
  SL.placeEditor(el, x, y, w, h);
  el.hidden = false;
  el.focus({ preventScroll: true });
  // Reached with Tab: the whole text is selected, as in any form; tapped: the cursor at the end.
  if (SL.selectOnEdit) el.select(); else el.setSelectionRange(el.value.length, el.value.length);
  SL.selectOnEdit = false;
};
SL.moveText = function (x, y, w, h) { if (SL.editor) SL.placeEditor(SL.editor, x, y, w, h); };
SL.endText = function () {
  var el = SL.editor;
  if (!el) return;
  SL.editor = null;  // no commit from this blur: the app ended the edit itself
  var had = document.activeElement === el;
  el.hidden = true;
  el.blur();
  var node = had && SL.mirrorNode(el.dataset.key);
  if (node) SL.focusQuietly(node);
};

// [SECTION] Accessible mirror: a hidden DOM tree kept in step with the app's AccessibleNode
// tree (app/mirror.h), diffed by key, each widget placed over what the canvas shows, so that
// screen readers (also by touch exploration) and the keyboard reach every widget. The DOM
// focus lives here; the app draws the focus ring. Roles in the order of AccessibleRole.
SL.roles = ['group', 'region', 'banner', 'navigation', 'main', 'complementary', 'heading', 'text', 'button', 'tab',
  'tablist', 'textbox', 'checkbox', 'list', 'listitem', 'table', 'row', 'cell', 'columnheader', 'progressbar',
  'alert', 'status'];
SL.tags = { group: 'div', region: 'section', banner: 'header', navigation: 'nav', main: 'main', complementary: 'aside',
  heading: 'h', text: 'p', button: 'button', tab: 'button', tablist: 'div', textbox: 'div', checkbox: 'input',
  list: 'ul', listitem: 'li', table: 'div', row: 'div', cell: 'div', columnheader: 'div', progressbar: 'div',
  alert: 'div', status: 'div' };
SL.ariaRoles = { group: 'group', tab: 'tab', tablist: 'tablist', textbox: 'textbox', table: 'table', row: 'row',
  cell: 'cell', columnheader: 'columnheader', progressbar: 'progressbar', alert: 'alert', status: 'status' };
SL.containers = { group: 1, region: 1, banner: 1, navigation: 1, main: 1, complementary: 1, tablist: 1, list: 1,
  listitem: 1, table: 1, row: 1, cell: 1, columnheader: 1, alert: 1, status: 1 };
SL.descCount = 0;
SL.parseMirror = function (text) {
  var all = [], roots = [];
  var records = text.split('\x1e');
  for (var i = 0; i < records.length; i++) {
    if (!records[i]) continue;
    var f = records[i].split('\x1f');
    var v = { parent: +f[0], role: SL.roles[+f[1]] || 'text', key: f[2], name: f[3], value: f[4], desc: f[5],
      flags: +f[6], x: +f[7], y: +f[8], w: +f[9], h: +f[10], level: +f[11], children: [] };
    all.push(v);
    (v.parent >= 0 && all[v.parent] ? all[v.parent].children : roots).push(v);
  }
  SL.mirrorAll = all;  // the records in order, for SL.mirrorRects
  return roots;
};
SL.tagOf = function (v) {
  var t = SL.tags[v.role];
  return t === 'h' ? 'h' + Math.min(6, Math.max(1, v.level || 2)) : t;
};
SL.create = function (v, id) {
  var el = document.createElement(SL.tagOf(v));
  el.__id = id;
  el.__tag = SL.tagOf(v);
  el.__v = {};
  if (SL.ariaRoles[v.role]) el.setAttribute('role', SL.ariaRoles[v.role]);
  if (v.role === 'button' || v.role === 'tab') el.type = 'button';
  if (v.role === 'checkbox') el.type = 'checkbox';
  if (v.role === 'textbox') el.tabIndex = 0;
  if (v.role === 'progressbar') { el.setAttribute('aria-valuemin', '0'); }
  if (v.key) { el.__key = v.key; el.dataset.key = v.key; }
  return el;
};
SL.attr = function (el, name, value) {
  if (value === null || value === undefined || value === false || value === '') el.removeAttribute(name);
  else el.setAttribute(name, value === true ? 'true' : value);
};
// Containers have no rectangle of their own; a leaf is placed over its widget.
SL.isContainer = function (v) { return SL.containers[v.role] && (v.children.length > 0 || v.role !== 'cell'); };
SL.place = function (el, v, dpr) {
  var st = el.style;
  st.position = 'absolute';
  st.left = (v.x / dpr) + 'px';
  st.top = (v.y / dpr) + 'px';
  st.width = (v.w / dpr) + 'px';
  st.height = (v.h / dpr) + 'px';
};
SL.update = function (el, v, dpr) {
  var o = el.__v;
  var container = SL.isContainer(v);
  if (o.name !== v.name || o.value !== v.value) {
    if (v.role === 'textbox') { SL.attr(el, 'aria-label', v.name); el.textContent = v.value; }
    else if (v.role === 'checkbox' || v.role === 'progressbar' || container) SL.attr(el, 'aria-label', v.name);
    else el.textContent = v.name;
    if (v.role === 'progressbar') SL.attr(el, 'aria-valuetext', v.value);
  }
  if (o.flags !== v.flags || o.level !== v.level) {
    var selected = v.flags & 1, disabled = v.flags & 2, invalid = v.flags & 4, checked = v.flags & 8;
    if (v.role === 'tab') SL.attr(el, 'aria-selected', selected ? 'true' : 'false');
    if (v.role === 'button' || v.role === 'tab' || v.role === 'textbox' || v.role === 'checkbox') SL.attr(el, 'aria-disabled', !!disabled);
    if (v.role === 'textbox') { SL.attr(el, 'aria-invalid', !!invalid); SL.attr(el, 'aria-multiline', !!(v.flags & 16)); }
    if (v.role === 'checkbox') el.checked = !!checked;
    SL.attr(el, 'aria-expanded', v.flags & 64 ? 'true' : v.flags & 32 ? 'false' : null);
    if (v.role === 'button') SL.attr(el, 'aria-pressed', v.flags & 256 ? 'true' : v.flags & 128 ? 'false' : null);
    if (v.role === 'progressbar') {
      SL.attr(el, 'aria-valuenow', String(v.level));
      SL.attr(el, 'aria-valuemax', String(Math.max(100, v.level)));
    }
  }
  if (o.desc !== v.desc) {
    if (v.desc) {
      if (!el.__desc) {
        el.__desc = document.createElement('span');
        el.__desc.id = 'mirror-desc-' + (++SL.descCount);
        SL.descRoot.appendChild(el.__desc);
      }
      el.__desc.textContent = v.desc;
      el.setAttribute('aria-describedby', el.__desc.id);
    } else if (el.__desc) {
      el.__desc.remove();
      el.__desc = null;
      el.removeAttribute('aria-describedby');
    }
  }
  if (!container && (o.x !== v.x || o.y !== v.y || o.w !== v.w || o.h !== v.h || o.dpr !== dpr)) SL.place(el, v, dpr);
  v.dpr = dpr;
  v.el = el;
  el.__v = v;
};
// Only the rectangles changed (a scroll): x, y, w, h per record of the last tree, in order.
SL.mirrorRects = function (rects) {
  var all = SL.mirrorAll, dpr = window.devicePixelRatio || 1;
  if (!all || rects.length !== all.length * 4) return;
  for (var i = 0; i < all.length; i++) {
    var v = all[i], x = rects[4 * i], y = rects[4 * i + 1], w = rects[4 * i + 2], h = rects[4 * i + 3];
    if (x === v.x && y === v.y && w === v.w && h === v.h && v.dpr === dpr) continue;
    v.x = x; v.y = y; v.w = w; v.h = h; v.dpr = dpr;
    if (v.el && !SL.isContainer(v)) SL.place(v.el, v, dpr);
  }
};
SL.reconcile = function (parent, nodes, dpr) {
  var existing = {};
  for (var c = parent.firstElementChild; c; c = c.nextElementSibling) if (c.__id) existing[c.__id] = c;
  var counts = {}, prev = null;
  for (var i = 0; i < nodes.length; i++) {
    var v = nodes[i];
    var base = v.key ? 'k:' + v.key : v.role + ':' + v.name;
    var n = counts[base] = (counts[base] || 0) + 1;
    var id = n > 1 ? base + '#' + n : base;
    var el = existing[id];
    if (el && el.__tag !== SL.tagOf(v)) el = null;
    if (el) delete existing[id]; else el = SL.create(v, id);
    SL.update(el, v, dpr);
    var want = prev ? prev.nextElementSibling : parent.firstElementChild;
    if (el !== want) parent.insertBefore(el, want);
    if (v.children.length || el.firstElementChild) SL.reconcile(el, v.children, dpr);
    prev = el;
  }
  for (var k in existing) SL.removeNode(existing[k]);
};
SL.removeNode = function (el) {
  if (el.__desc) el.__desc.remove();
  var inner = el.querySelectorAll('*');
  for (var i = 0; i < inner.length; i++) if (inner[i].__desc) inner[i].__desc.remove();
  el.remove();
};
SL.rovingTabs = function () {
  var lists = SL.root.querySelectorAll('[role=tablist]');
  for (var i = 0; i < lists.length; i++) {
    var tabs = lists[i].querySelectorAll('[role=tab]');
    var current = lists[i].querySelector('[role=tab][aria-selected=true]') || tabs[0];
    for (var j = 0; j < tabs.length; j++) tabs[j].tabIndex = tabs[j] === current ? 0 : -1;
  }
};
SL.mirror = function (text, focus) {
  if (text !== null) {
    var had = document.activeElement, hadKey = had && had.__key;
    SL.reconcile(SL.root, SL.parseMirror(text), window.devicePixelRatio || 1);
    SL.rovingTabs();
    // The focused widget was removed (a confirmation closed): its replacement under the same
    // key, else the main region, so that the keyboard does not start over at the page.
    if (hadKey && !had.isConnected && !focus) {
      var again = SL.mirrorNode(hadKey) || SL.root.querySelector('main');
      if (again) { if (again.tagName === 'MAIN') again.tabIndex = -1; SL.focusQuietly(again); }
    }
  }
  if (focus) {
    var el = SL.mirrorNode(focus);
    // After this frame: the focus handler calls back into the app.
    if (el) Promise.resolve().then(function () { el.focus({ preventScroll: true }); });
  }
};
SL.mirrorNode = function (key) {
  if (!key || !SL.root) return null;
  var all = SL.root.querySelectorAll('[data-key]');
  for (var i = 0; i < all.length; i++) if (all[i].__key === key) return all[i];
  return null;
};
SL.nextFocusable = function (from, dir) {
  if (!from) return null;
  var all = Array.prototype.filter.call(SL.root.querySelectorAll('button, input, [tabindex]'), function (el) {
    return el === from || el.tabIndex >= 0;
  });
  var i = all.indexOf(from);
  return i < 0 ? null : all[i + dir] || null;
};
// Focus a node without opening its editor (back from the editor, a removed widget).
SL.focusQuietly = function (el) {
  SL.quiet = el;
  el.focus({ preventScroll: true });
  SL.quiet = null;
};
SL.installMirror = function () {
  SL.root = document.getElementById('mirror');
  SL.descRoot = document.getElementById('mirror-descriptions');
  SL.root.addEventListener('focusin', function (e) {
    var el = e.target;
    if (!el.__key) return;
    SL.selectOnEdit = SL.quiet !== el && el.getAttribute('role') === 'textbox';
    SL.callString(function (p) { Module._app_a11y(SL.quiet === el ? 3 : 1, p); }, el.__key);
    SL.runFramesNow(3);
  });
  SL.root.addEventListener('focusout', function (e) {
    var to = e.relatedTarget;
    if (to && (SL.root.contains(to) || to === SL.input || to === SL.area)) return;
    SL.callString(function (p) { Module._app_a11y(4, p); }, '');
    SL.requestFrame();
  });
  SL.root.addEventListener('click', function (e) {
    var el = e.target.closest ? e.target.closest('[data-key]') : null;
    if (!el || !el.__key) return;
    e.preventDefault();  // a check box changes through the app, not by itself
    SL.callString(function (p) { Module._app_a11y(2, p); }, el.__key);
    SL.runFramesNow(3);
  });
  SL.root.addEventListener('keydown', function (e) {
    var el = e.target;
    if (el.getAttribute('role') === 'textbox' && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      el.click();
    } else if (el.getAttribute('role') === 'tab' && /^(ArrowLeft|ArrowRight|ArrowUp|ArrowDown|Home|End)$/.test(e.key)) {
      e.preventDefault();
      var tabs = Array.prototype.slice.call(el.parentNode.querySelectorAll('[role=tab]'));
      var i = tabs.indexOf(el);
      var n = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1
        : (i + (e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 1) + tabs.length) % tabs.length;
      for (var j = 0; j < tabs.length; j++) tabs[j].tabIndex = j === n ? 0 : -1;
      tabs[n].focus({ preventScroll: true });
    }
  });
};

// [SECTION] Files, clipboard, announcements
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
// The live region says a short message once (cleared first, so that the same text again
// is said again).
SL.announce = function (text) {
  var el = document.getElementById('a11y-live');
  if (!el) return;
  el.textContent = '';
  setTimeout(function () { el.textContent = text; }, 50);
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
  SL.installMirror();
  SL.installNetwork();
};
