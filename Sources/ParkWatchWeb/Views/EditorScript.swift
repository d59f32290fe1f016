/// The layout editor's part of app.js: it runs on a page with `#layout-editor` only.
extension Assets {
    static let editorScript = """
        (function () {
          const form = document.getElementById("layout-editor");
          if (!form) return;
          const NS = "http://www.w3.org/2000/svg";
          const svg = document.getElementById("layout-svg");
          const group = document.getElementById("layout-spaces");
          const list = document.getElementById("space-list");
          const state = document.getElementById("editor-state");
          const fields = ["id", "name", "zone"].map((key) => [key, document.getElementById("space-" + key)]);
          let spaces = JSON.parse(document.getElementById("layout-data").textContent);
          let proposals = JSON.parse(document.getElementById("proposal-data").textContent);
          let selected = null, proposal = null, adding = null, drag = null;
          const undo = [];
          const remember = () => { undo.push(JSON.stringify([spaces, proposals])); if (undo.length > 200) undo.shift(); };
          const round = (v) => Math.round(v * 10) / 10;
          function at(event) {
            const p = svg.createSVGPoint();
            p.x = event.clientX; p.y = event.clientY;
            const q = p.matrixTransform(svg.getScreenCTM().inverse());
            return [round(q.x), round(q.y)];
          }
          const centre = (s) => s.polygon.reduce((c, p) => [c[0] + p[0] / s.polygon.length, c[1] + p[1] / s.polygon.length], [0, 0]);
          function freeID() {
            const taken = new Set(spaces.map((s) => s.id));
            let n = spaces.length + 1;
            while (taken.has(String(n))) n += 1;
            return String(n);
          }
          function element(name, attributes, parent) {
            const node = document.createElementNS(NS, name);
            for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
            parent.append(node);
            return node;
          }
          function draw() {
            group.replaceChildren();
            proposals.forEach((space, index) => element("polygon", { points: space.polygon.map((p) => p.join(",")).join(" "),
              class: "edit-proposal" + (index === proposal ? " selected" : ""), "data-proposal": index }, group));
            spaces.forEach((space, index) => {
              element("polygon", { points: space.polygon.map((p) => p.join(",")).join(" "), class: "edit-space" + (index === selected ? " selected" : ""),
                "data-index": index, "data-space": space.id }, group);
              const [x, y] = centre(space);
              element("text", { x: x, y: y, class: "edit-label" }, group).textContent = space.id;
            });
            if (selected !== null) spaces[selected].polygon.forEach((p, corner) => element("circle", { cx: p[0], cy: p[1], r: 7, class: "edit-corner", "data-corner": corner }, group));
            if (adding) {
              element("polyline", { points: adding.map((p) => p.join(",")).join(" "), class: "edit-adding" }, group);
              adding.forEach((p) => element("circle", { cx: p[0], cy: p[1], r: 5, class: "edit-corner" }, group));
            }
            list.replaceChildren(...spaces.map((space, index) => {
              const item = document.createElement("li");
              const button = document.createElement("button");
              button.type = "button"; button.className = "link" + (index === selected ? " selected" : "");
              button.textContent = space.id + (space.name ? " · " + space.name : "") + (space.zone ? " (" + space.zone + ")" : "");
              button.addEventListener("click", () => { selected = index; draw(); svg.focus(); });
              item.append(button);
              return item;
            }));
            for (const [key, input] of fields) { input.value = selected === null ? "" : (spaces[selected][key] || ""); input.disabled = selected === null; }
            state.textContent = adding ? "Adding: click corner " + (adding.length + 1) + " of 4 (Enter ends; before a click, adds a box to move with the arrow keys; Escape cancels)"
              : spaces.length + " spaces" + (proposals.length ? ", " + proposals.length + " proposed" : "");
            for (const id of ["accept-proposal", "drop-proposal"]) { const b = document.getElementById(id); if (b) b.disabled = proposal === null; }
          }
          // Enter before any click adds a box in the middle of the photo, for the keyboard to move.
          function finishAdding() {
            if (adding && adding.length === 0) {
              const box = svg.viewBox.baseVal, [x, y] = [round(box.width / 2 - 40), round(box.height / 2 - 25)];
              adding = [[x, y], [x + 80, y], [x + 80, y + 50], [x, y + 50]];
            }
            if (adding && adding.length >= 3) { remember(); spaces.push({ id: freeID(), name: "", zone: "", polygon: adding }); selected = spaces.length - 1; }
            adding = null;
            draw();
          }
          function removeSelected() {
            if (selected === null) return;
            remember(); spaces.splice(selected, 1); selected = null; draw();
          }
          function undoLast() {
            if (!undo.length) return;
            [spaces, proposals] = JSON.parse(undo.pop()); selected = null; proposal = null; adding = null; draw();
          }
          // An accepted proposal becomes a space with the next free id; a dropped one is gone.
          function settle(accept, all) {
            const chosen = all ? proposals.map((_, index) => index) : (proposal === null ? [] : [proposal]);
            if (!chosen.length) return;
            remember();
            if (accept) for (const index of chosen) spaces.push({ id: freeID(), name: "", zone: "", polygon: proposals[index].polygon });
            proposals = proposals.filter((_, index) => !chosen.includes(index));
            proposal = null; selected = accept && !all ? spaces.length - 1 : null; draw();
          }
          function moveSelected(dx, dy) {
            if (selected === null) return;
            spaces[selected].polygon = spaces[selected].polygon.map((p) => [round(p[0] + dx), round(p[1] + dy)]);
            draw();
          }
          // Rows from the top, each left to right: a space joins a row while its centre lies within half a space's height of it.
          function renumber() {
            if (!spaces.length) return;
            remember();
            const heights = spaces.map((s) => Math.max(...s.polygon.map((p) => p[1])) - Math.min(...s.polygon.map((p) => p[1]))).sort((a, b) => a - b);
            const step = Math.max(1, heights[Math.floor(heights.length / 2)] / 2);
            const rows = [];
            for (const space of [...spaces].sort((a, b) => centre(a)[1] - centre(b)[1])) {
              const row = rows[rows.length - 1];
              if (row && centre(space)[1] - centre(row[0])[1] <= step) row.push(space); else rows.push([space]);
            }
            spaces = rows.flatMap((row) => row.sort((a, b) => centre(a)[0] - centre(b)[0]));
            spaces.forEach((space, index) => { space.id = String(index + 1); });
            selected = null; draw();
          }
          svg.addEventListener("pointerdown", (event) => {
            const point = at(event);
            svg.focus();
            if (adding) {
              adding.push(point);
              if (adding.length === 4) finishAdding(); else draw();
              return;
            }
            const target = event.target;
            proposal = null;
            if (target.dataset && target.dataset.proposal !== undefined) {
              proposal = Number(target.dataset.proposal); selected = null; draw(); return;
            }
            if (target.dataset && target.dataset.corner !== undefined && selected !== null) {
              remember(); drag = { corner: Number(target.dataset.corner), last: point, moved: false };
            } else if (target.dataset && target.dataset.index !== undefined) {
              selected = Number(target.dataset.index); remember(); drag = { corner: null, last: point, moved: false }; draw();
            } else {
              selected = null; draw(); return;
            }
            svg.setPointerCapture(event.pointerId);
          });
          svg.addEventListener("pointermove", (event) => {
            if (!drag || selected === null) return;
            const point = at(event);
            const polygon = spaces[selected].polygon;
            if (drag.corner === null) {
              const [dx, dy] = [point[0] - drag.last[0], point[1] - drag.last[1]];
              spaces[selected].polygon = polygon.map((p) => [round(p[0] + dx), round(p[1] + dy)]);
            } else {
              polygon[drag.corner] = point;
            }
            drag.last = point; drag.moved = true;
            draw();
          });
          svg.addEventListener("pointerup", () => {
            if (drag && !drag.moved) undo.pop();
            drag = null;
          });
          document.getElementById("add-space").addEventListener("click", () => { adding = []; selected = null; draw(); svg.focus(); });
          document.getElementById("delete-space").addEventListener("click", removeSelected);
          document.getElementById("undo-edit").addEventListener("click", undoLast);
          document.getElementById("renumber").addEventListener("click", renumber);
          for (const [id, accept, all] of [["accept-proposal", true, false], ["drop-proposal", false, false], ["accept-all", true, true]]) {
            const button = document.getElementById(id);
            if (button) button.addEventListener("click", () => settle(accept, all));
          }
          for (const [key, input] of fields) {
            input.addEventListener("change", () => {
              if (selected === null) return;
              remember(); spaces[selected][key] = input.value.trim(); draw();
            });
          }
          document.addEventListener("keydown", (event) => {
            if (event.target instanceof HTMLInputElement) return;
            const step = event.shiftKey ? 10 : 1;
            const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
            if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") undoLast();
            else if (event.key === "a" || event.key === "A") { adding = []; selected = null; draw(); }
            else if (event.key === "Escape") { adding = null; selected = null; draw(); }
            else if (event.key === "Enter" && adding) finishAdding();
            else if ((event.key === "Delete" || event.key === "Backspace") && selected !== null) removeSelected();
            else if (moves[event.key] && selected !== null) { remember(); moveSelected(...moves[event.key]); }
            else return;
            event.preventDefault();
          });
          form.addEventListener("submit", () => {
            document.getElementById("layout-json").value = JSON.stringify(spaces);
            const left = document.getElementById("proposals-json");
            if (left) left.value = JSON.stringify(proposals);
          });
          draw();
        })();
        """
}
