// veille dashboard: the timeline and the map, drawn with d3 from the JSON API. Text goes into the page with
// d3's .text() (textContent), never as HTML: article content is untrusted.
(function () {
  "use strict";

  function day(e) { return (e.date || e.first_seen || "").slice(0, 10); }

  function timeline(node, events) {
    var byMonth = d3.rollups(events.filter(function (e) { return day(e).length >= 7; }),
      function (v) { return v.length; }, function (e) { return day(e).slice(0, 7); })
      .sort(function (a, b) { return d3.ascending(a[0], b[0]); });
    var w = 540, h = 220, m = {top: 12, right: 12, bottom: 40, left: 32};
    var svg = d3.select(node).append("svg").attr("viewBox", [0, 0, w, h]);
    if (!byMonth.length) {
      svg.append("text").attr("x", 20).attr("y", 40).attr("class", "muted").text("No dated event.");
      return;
    }
    var x = d3.scaleBand().domain(byMonth.map(function (d) { return d[0]; })).range([m.left, w - m.right]).padding(0.15);
    var y = d3.scaleLinear().domain([0, d3.max(byMonth, function (d) { return d[1]; })]).nice().range([h - m.bottom, m.top]);
    svg.append("g").selectAll("rect").data(byMonth).join("rect").attr("class", "bar")
      .attr("x", function (d) { return x(d[0]); }).attr("y", function (d) { return y(d[1]); })
      .attr("width", x.bandwidth()).attr("height", function (d) { return y(0) - y(d[1]); })
      .append("title").text(function (d) { return d[0] + ": " + d[1] + " event(s)"; });
    var ticks = x.domain().filter(function (_, i, all) { return all.length < 12 || i % Math.ceil(all.length / 12) === 0; });
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (h - m.bottom) + ")")
      .call(d3.axisBottom(x).tickValues(ticks)).selectAll("text").attr("transform", "rotate(-40)").style("text-anchor", "end");
    svg.append("g").attr("class", "axis").attr("transform", "translate(" + m.left + ",0)").call(d3.axisLeft(y).ticks(4));
  }

  function worldMap(node, events) {
    var w = 540, h = 280;
    var svg = d3.select(node).append("svg").attr("viewBox", [0, 0, w, h]);
    var projection = d3.geoNaturalEarth1().scale(w / 5.6).translate([w / 2, h / 1.75]);
    var path = d3.geoPath(projection);
    return d3.json("/static/vendor/countries-110m.json").then(function (world) {
      var land = topojson.feature(world, world.objects.countries).features
        .filter(function (f) { return f.properties.name !== "Antarctica"; });
      svg.append("g").selectAll("path").data(land)
        .join("path").attr("class", "land").attr("d", path);
      var placed = events.filter(function (e) { return e.place && e.place.lat != null && e.place.lon != null; });
      var r = d3.scaleSqrt().domain([1, d3.max(placed, function (e) { return e.articles; }) || 1]).range([3, 9]);
      svg.append("g").selectAll("circle").data(placed).join("circle").attr("class", "dot")
        .attr("cx", function (e) { return projection([e.place.lon, e.place.lat])[0]; })
        .attr("cy", function (e) { return projection([e.place.lon, e.place.lat])[1]; })
        .attr("r", function (e) { return r(e.articles); })
        .append("title").text(function (e) {
          return e.type + " · " + (e.actor ? e.actor.name : "?") + " → " + (e.target ? e.target.name : "—") +
            " · " + e.place.name + " · " + (day(e) || "?");
        });
      node.setAttribute("data-drawn", String(placed.length));
    });
  }

  function fail(node, err) {
    d3.select(node).append("p").attr("class", "muted").text("Could not load the data (" + err + ").");
  }

  var tl = document.getElementById("timeline");
  var map = document.getElementById("map");
  if (tl && tl.dataset.actor) {
    d3.json("/api/actors/" + encodeURIComponent(tl.dataset.actor)).then(function (a) {
      timeline(tl, a.events_as_actor.concat(a.events_as_target));
    }).catch(function (e) { fail(tl, e); });
  } else if (tl || map) {
    var q = (tl || map).dataset.query || "";
    d3.json("/api/events?" + q + (q ? "&" : "") + "limit=500").then(function (data) {
      if (tl) { timeline(tl, data.items); }
      if (map) { return worldMap(map, data.items); }
    }).catch(function (e) { fail(map || tl, e); });
  }
})();
