// Gesso pages work without this file: it only enhances. Images fade in over their BlurHash placeholder once
// loaded, and the follow-from-your-server field remembers the visitor's handle on this device.
(function () {
  'use strict';
  document.querySelectorAll('.work img').forEach(function (img) {
    if (img.complete) return;
    img.style.opacity = '0';
    img.addEventListener('load', function () { img.style.opacity = '1'; }, { once: true });
  });
  var handle = document.querySelector('.follow-remote input[name="handle"]');
  if (handle && window.localStorage) {
    try {
      if (!handle.value) handle.value = localStorage.getItem('gesso.handle') || '';
      handle.form.addEventListener('submit', function () { localStorage.setItem('gesso.handle', handle.value); });
    } catch (e) { /* storage refused: nothing to remember */ }
  }
})();
