import Foundation
import Hummingbird

/// The static files, compiled into the binary: nothing is fetched from anywhere else.
enum Assets {
    static let files: [String: (type: String, body: String)] = [
        "app.css": ("text/css; charset=utf-8", css),
        "app.js": ("text/javascript; charset=utf-8", script + editorScript),
        "icon.svg": ("image/svg+xml", icon),
    ]

    static func response(_ name: String) throws -> Response {
        guard let file = files[name] else { throw WebError.notFound("no asset '\(name)'") }
        return Response(
            status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: file.body)))
    }

    static let logo = """
        <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><rect width="32" height="32" rx="8" fill="#2563eb"/><path d="M11 24V8h6.5a5 5 0 0 1 0 10H11" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>
        """

    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2563eb"/><path d="M11 24V8h6.5a5 5 0 0 1 0 10H11" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>
        """

    /// Replaces the content of `<main data-live=URL>` with a fresh rendering every few seconds.
    /// Failures keep the last content and say so; the next success clears the notice.
    static let script = """
        "use strict";
        (function () {
          const main = document.querySelector("main[data-live]");
          const state = document.getElementById("live-state");
          if (!main) return;
          const every = Math.max(5, Number(main.dataset.refresh || 15)) * 1000;
          const two = (n) => String(n).padStart(2, "0");
          async function refresh() {
            try {
              const response = await fetch(main.dataset.live, { headers: { "Accept": "text/html" }, cache: "no-store" });
              if (!response.ok) throw new Error(String(response.status));
              main.innerHTML = await response.text();
              const now = new Date();
              state.textContent = "Live · updated " + two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
              state.classList.remove("offline");
            } catch (error) {
              state.textContent = "Offline · retrying";
              state.classList.add("offline");
            }
          }
          setInterval(refresh, every);
        })();
        (function () {
          const form = document.getElementById("label-form");
          if (!form) return;
          // A click on a space (or Enter / Space on a focused one) flips it: the drawing and the
          // radio buttons the form posts stay in step.
          function flip(polygon) {
            const occupied = !polygon.classList.contains("occupied");
            polygon.classList.toggle("occupied", occupied);
            polygon.classList.toggle("free", !occupied);
            const name = "space." + polygon.dataset.space;
            for (const input of form.querySelectorAll("input[type=radio]")) {
              if (input.name === name) input.checked = (input.value === (occupied ? "occupied" : "free"));
            }
          }
          for (const polygon of form.querySelectorAll("polygon[data-space]")) {
            polygon.setAttribute("tabindex", "0");
            polygon.addEventListener("click", () => flip(polygon));
            polygon.addEventListener("keydown", (event) => {
              if (event.key === "Enter" || event.key === " ") { event.preventDefault(); flip(polygon); }
            });
          }
          form.addEventListener("change", (event) => {
            const input = event.target;
            if (!input.name || !input.name.startsWith("space.")) return;
            const polygon = form.querySelector('polygon[data-space="' + CSS.escape(input.name.slice(6)) + '"]');
            if (!polygon) return;
            polygon.classList.toggle("occupied", input.value === "occupied");
            polygon.classList.toggle("free", input.value !== "occupied");
          });
        })();
        """
}
