/* The report's org chart: search and collapse on Graphviz's inline SVG.
 * The page (cskh_org.report.html) gives #org-chart (the SVG: g.node and g.edge, each with
 * its <title>), #org-search, #org-search-count, #org-expand, #org-collapse, #org-fit and the JSON of
 * #org-tree: {"nodes": {NAME: {"parent": NAME|null, "text": "..."}}, "words": {"found":
 * "{n} ...", "none": "..."}}. Nodes of the SVG that are not in the tree are left alone.
 * No network, no eval, no HTML from data: classes, attributes and textContent only. */
(function () {
  'use strict';

  var chart = document.getElementById('org-chart');
  var data = document.getElementById('org-tree');
  if (!chart || !data) {
    return;
  }
  var tree;
  try {
    tree = JSON.parse(data.textContent || '{}');
  } catch (e) {
    return;
  }
  var nodes = tree && typeof tree.nodes === 'object' && tree.nodes ? tree.nodes : {};
  var words = tree && typeof tree.words === 'object' && tree.words ? tree.words : {};
  var own = Object.prototype.hasOwnProperty;

  // A map by node name with no inherited keys ("constructor" is a name like any other).
  function map() {
    return Object.create(null);
  }

  function has(name) {
    return typeof name === 'string' && own.call(nodes, name);
  }

  function titleOf(g) {
    var t = g.querySelector('title');
    return t ? (t.textContent || '').trim() : '';
  }

  // Search text folded: no diacritics (NFD, combining marks dropped, đ → d), lower case,
  // single spaces.
  function fold(text) {
    return String(text)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u0111\u0110]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  }

  // The drawn nodes of the tree, by name.
  var elements = map();
  var nodeList = chart.querySelectorAll('g.node');
  var i;
  for (i = 0; i < nodeList.length; i += 1) {
    var name = titleOf(nodeList[i]);
    if (has(name) && !own.call(elements, name)) {
      elements[name] = nodeList[i];
    }
  }

  // Parents (only known ones, never a node itself) and children, from the tree.
  var parentOf = map();
  var children = map();
  var names = Object.keys(nodes);
  names.forEach(function (n) {
    var info = nodes[n] || {};
    var p = info.parent;
    if (has(p) && p !== n) {
      parentOf[n] = p;
      (children[p] = children[p] || []).push(n);
    }
  });

  // The ancestors of a node, nearest first (safe against cycles).
  function ancestors(n) {
    var out = [];
    var seen = map();
    seen[n] = true;
    var p = parentOf[n];
    while (p !== undefined && !seen[p]) {
      seen[p] = true;
      out.push(p);
      p = parentOf[p];
    }
    return out;
  }

  // Every node below one (safe against cycles).
  function descendants(n) {
    var out = [];
    var seen = map();
    seen[n] = true;
    var stack = (children[n] || []).slice();
    while (stack.length) {
      var c = stack.pop();
      if (!seen[c]) {
        seen[c] = true;
        out.push(c);
        stack.push.apply(stack, children[c] || []);
      }
    }
    return out;
  }

  var drawn = Object.keys(elements);
  var togglable = drawn.filter(function (n) {
    return descendants(n).some(function (d) {
      return own.call(elements, d);
    });
  });
  var roots = togglable.filter(function (n) {
    return !ancestors(n).some(function (a) {
      return own.call(elements, a);
    });
  });
  var folded = map();
  var texts = map();
  drawn.forEach(function (n) {
    texts[n] = fold((nodes[n] || {}).text || n);
  });

  // Edges with their ends ("TAIL->HEAD"; a "node:port" end counts as its node).
  function end(text) {
    var t = text.trim();
    if (has(t)) {
      return t;
    }
    var colon = t.indexOf(':');
    return colon > 0 ? t.slice(0, colon) : t;
  }
  var edges = [];
  var edgeList = chart.querySelectorAll('g.edge');
  for (i = 0; i < edgeList.length; i += 1) {
    var title = titleOf(edgeList[i]);
    var arrow = title.indexOf('->');
    if (arrow < 0) {
      arrow = title.indexOf('--');
    }
    if (arrow > 0) {
      edges.push({ g: edgeList[i], tail: end(title.slice(0, arrow)), head: end(title.slice(arrow + 2)) });
    }
  }

  // Hidden: below a collapsed node. Shows every class and attribute from the state.
  function refresh() {
    var hidden = map();
    Object.keys(folded).forEach(function (n) {
      descendants(n).forEach(function (d) {
        hidden[d] = true;
      });
    });
    drawn.forEach(function (n) {
      elements[n].classList.toggle('org-hidden', !!hidden[n]);
    });
    togglable.forEach(function (n) {
      var g = elements[n];
      g.classList.toggle('org-collapsed', !!folded[n]);
      g.setAttribute('aria-expanded', folded[n] ? 'false' : 'true');
    });
    edges.forEach(function (e) {
      e.g.classList.toggle('org-hidden', !!(hidden[e.head] || hidden[e.tail]));
    });
  }

  function toggle(n) {
    if (folded[n]) {
      delete folded[n];
    } else {
      folded[n] = true;
    }
    refresh();
  }

  togglable.forEach(function (n) {
    var g = elements[n];
    g.classList.add('org-has-children');
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.addEventListener('click', function (event) {
      event.preventDefault(); // a linked node (<a> inside) toggles rather than navigates
      toggle(n);
    });
    g.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault();
        toggle(n);
      }
    });
  });

  var search = document.getElementById('org-search');
  var count = document.getElementById('org-search-count');

  function say(key, n) {
    var text = typeof words[key] === 'string' ? words[key] : '';
    return text.split('{n}').join(String(n));
  }

  function find() {
    var query = fold(search ? search.value : '');
    var hits = query
      ? drawn.filter(function (n) {
          return texts[n].indexOf(query) >= 0;
        })
      : [];
    hits.forEach(function (n) {
      ancestors(n).forEach(function (a) {
        delete folded[a];
      });
    });
    var hit = map();
    hits.forEach(function (n) {
      hit[n] = true;
    });
    drawn.forEach(function (n) {
      elements[n].classList.toggle('org-hit', !!hit[n]);
      elements[n].classList.toggle('org-dim', !!query && !hit[n]);
    });
    refresh();
    if (count) {
      count.textContent = !query ? '' : hits.length ? say('found', hits.length) : say('none', 0);
    }
    if (hits.length && typeof elements[hits[0]].scrollIntoView === 'function') {
      elements[hits[0]].scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  if (search) {
    search.addEventListener('input', find);
  }
  var expand = document.getElementById('org-expand');
  if (expand) {
    expand.addEventListener('click', function () {
      folded = map();
      refresh();
    });
  }
  var collapse = document.getElementById('org-collapse');
  if (collapse) {
    collapse.addEventListener('click', function () {
      folded = map();
      togglable.forEach(function (n) {
        if (roots.indexOf(n) < 0) {
          folded[n] = true;
        }
      });
      refresh();
    });
  }
  // #org-fit: the whole chart in the page's width, or at its own size (scroll to read).
  var fit = document.getElementById('org-fit');
  if (fit) {
    fit.addEventListener('click', function () {
      var fitted = chart.classList.toggle('org-fit');
      fit.setAttribute('aria-pressed', fitted ? 'true' : 'false');
    });
  }
  refresh();
})();
