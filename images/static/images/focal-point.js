// Clicking the image preview on the admin change form sets the focal point
// fields; typing in the fields moves the marker. Without this script the
// number fields still work on their own.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const fieldX = document.getElementById("id_focal_x");
  const fieldY = document.getElementById("id_focal_y");
  if (!fieldX || !fieldY) {
    return;
  }
  for (const preview of document.querySelectorAll("[data-focal-point]")) {
    const image = preview.querySelector("img");
    const markers = preview.querySelectorAll("circle");
    const place = () => {
      const x = Math.min(Math.max(Number(fieldX.value) || 0, 0), 1);
      const y = Math.min(Math.max(Number(fieldY.value) || 0, 0), 1);
      for (const marker of markers) {
        marker.setAttribute("cx", `${(x * 100).toFixed(1)}%`);
        marker.setAttribute("cy", `${(y * 100).toFixed(1)}%`);
      }
    };
    image.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      const x = (event.clientX - box.left) / box.width;
      const y = (event.clientY - box.top) / box.height;
      fieldX.value = Math.min(Math.max(x, 0), 1).toFixed(2);
      fieldY.value = Math.min(Math.max(y, 0), 1).toFixed(2);
      place();
    });
    fieldX.addEventListener("input", place);
    fieldY.addEventListener("input", place);
    preview.classList.add("focal-point--clickable");
  }
});
