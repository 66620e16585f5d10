// Gesso pages work without this file: it only enhances. Images fade in over their BlurHash placeholder once
// loaded, the follow-from-your-server field remembers the visitor's handle on this device, and the compose page
// shows a small preview of each chosen work next to its alt-text field.
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
  // A data: URL (the page's CSP allows data: images, not blob:); large files are not previewed.
  document.querySelectorAll('.work-slot input[type="file"]').forEach(function (input) {
    input.addEventListener('change', function () {
      var slot = input.closest('.work-slot');
      var old = slot.querySelector('.slot-preview');
      if (old) old.remove();
      var file = input.files && input.files[0];
      if (!file || !/^image\//.test(file.type) || file.size > 8 * 1024 * 1024) return;
      var reader = new FileReader();
      reader.onload = function () {
        var img = document.createElement('img');
        img.className = 'slot-preview';
        img.alt = '';
        img.src = reader.result;
        slot.insertBefore(img, slot.firstChild);
      };
      reader.readAsDataURL(file);
    });
  });
})();
