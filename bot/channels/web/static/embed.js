/* Lotse web chat: <script src="https://lotse.example/embed.js" data-network="gummersbach" async></script>
   opens the chat in an iframe right after this script tag. No cookies, no styles of the host
   page are touched; only origins listed in LOTSE_WEB_EMBED_ORIGINS may show the frame. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var base = new URL(script.src, document.baseURI);
  var url = new URL("/chat", base.origin);
  var network = script.getAttribute("data-network");
  if (network) { url.searchParams.set("net", network); }
  var lang = script.getAttribute("data-lang");
  if (lang) { url.searchParams.set("lang", lang); }
  url.searchParams.set("embed", "1");
  var frame = document.createElement("iframe");
  frame.src = url.href;
  frame.title = script.getAttribute("data-title") || "Lotse";
  frame.setAttribute("allow", "geolocation");
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.className = "lotse-chat";
  frame.style.width = "100%";
  frame.style.maxWidth = script.getAttribute("data-width") || "28rem";
  frame.style.height = script.getAttribute("data-height") || "36rem";
  frame.style.border = "1px solid #6b6b6b";
  frame.style.borderRadius = "8px";
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
