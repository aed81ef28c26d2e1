// Copy buttons: <button class="copy" data-copy-target="ID"> copies the text of the element ID.
// A file of its own, as the Content-Security-Policy allows no inline script.
document.addEventListener('click', function (event) {
  var button = event.target.closest('button.copy');
  if (!button) {
    return;
  }
  var label = button.textContent;
  var text = document.getElementById(button.dataset.copyTarget).textContent.trim();
  navigator.clipboard.writeText(text).then(function () {
    button.textContent = 'Copied';
  }, function () {
    button.textContent = 'Select and copy';
  });
  setTimeout(function () { button.textContent = label; }, 2000);
});
