/**
 * The GraphQL explorer's script, served from the service (/assets/explorer.js): no CDN, no
 * framework. It runs queries with fetch as any API client does (JSON POST, so the endpoint's
 * CSRF protection applies unchanged), and reads the schema by introspection for the docs.
 * The token typed here stays in this page's memory: never in a URL or in browser storage.
 */
export const EXPLORER_SCRIPT = String.raw`
(function () {
  'use strict';
  var form = document.getElementById('explorer-form');
  var query = document.getElementById('explorer-query');
  var variables = document.getElementById('explorer-variables');
  var token = document.getElementById('explorer-token');
  var result = document.getElementById('explorer-result');
  var status = document.getElementById('explorer-status');
  var docs = document.getElementById('explorer-docs');
  var docsButton = document.getElementById('explorer-load-docs');
  var search = document.getElementById('explorer-search');
  if (!form) return;
  document.getElementById('explorer-needs-script').hidden = true;
  form.hidden = false;
  document.getElementById('explorer-docs-section').hidden = false;

  function headers() {
    var h = { 'content-type': 'application/json', accept: 'application/json' };
    var value = token.value.trim();
    if (value) h.authorization = 'Bearer ' + value;
    return h;
  }

  function post(body) {
    return fetch('/graphql', { method: 'POST', headers: headers(), body: JSON.stringify(body), credentials: 'omit' }).then(function (response) {
      return response.text().then(function (text) {
        return { status: response.status, text: text };
      });
    });
  }

  function run(event) {
    if (event) event.preventDefault();
    var vars = {};
    if (variables.value.trim() !== '') {
      try {
        vars = JSON.parse(variables.value);
      } catch (error) {
        status.textContent = 'Variables are not valid JSON: ' + error.message;
        variables.setAttribute('aria-invalid', 'true');
        variables.focus();
        return;
      }
    }
    variables.removeAttribute('aria-invalid');
    status.textContent = 'Running…';
    post({ query: query.value, variables: vars }).then(
      function (answer) {
        var shown = answer.text;
        try {
          shown = JSON.stringify(JSON.parse(answer.text), null, 2);
        } catch (ignored) {}
        result.textContent = shown;
        status.textContent = 'HTTP ' + answer.status + (answer.status === 200 ? '' : ' (see the errors in the result)');
      },
      function (error) {
        status.textContent = 'The request failed: ' + error.message;
      },
    );
  }

  var INTROSPECTION =
    '{ __schema { queryType { name } mutationType { name } types { name kind description ' +
    'fields { name description args { name type { ...T } defaultValue } type { ...T } } ' +
    'inputFields { name description type { ...T } defaultValue } enumValues { name } } } } ' +
    'fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }';

  function typeName(type) {
    if (!type) return '';
    if (type.kind === 'NON_NULL') return typeName(type.ofType) + '!';
    if (type.kind === 'LIST') return '[' + typeName(type.ofType) + ']';
    return type.name;
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function describeField(field) {
    var args = (field.args || []).map(function (arg) {
      return arg.name + ': ' + typeName(arg.type) + (arg.defaultValue != null ? ' = ' + arg.defaultValue : '');
    });
    return field.name + (args.length ? '(' + args.join(', ') + ')' : '') + ': ' + typeName(field.type);
  }

  function renderDocs(schema) {
    docs.textContent = '';
    var roots = [schema.queryType && schema.queryType.name, schema.mutationType && schema.mutationType.name];
    var types = schema.types
      .filter(function (type) {
        return type.name.indexOf('__') !== 0;
      })
      .sort(function (a, b) {
        var ra = roots.indexOf(a.name), rb = roots.indexOf(b.name);
        if (ra !== rb) return (ra < 0 ? 9 : ra) - (rb < 0 ? 9 : rb);
        return a.name < b.name ? -1 : 1;
      });
    types.forEach(function (type) {
      var section = element('section');
      section.className = 'explorer-type';
      section.setAttribute('data-search', (type.name + ' ' + (type.fields || type.inputFields || []).map(function (f) { return f.name; }).join(' ')).toLowerCase());
      section.appendChild(element('h3', type.name + ' (' + type.kind.toLowerCase().replace('_', ' ') + ')'));
      if (type.description) section.appendChild(element('p', type.description, 'hint'));
      var list = element('ul');
      (type.fields || type.inputFields || []).forEach(function (field) {
        var item = element('li');
        item.appendChild(element('code', describeField(field)));
        if (field.description) item.appendChild(element('span', ' — ' + field.description));
        list.appendChild(item);
      });
      (type.enumValues || []).forEach(function (value) {
        list.appendChild(element('li', value.name));
      });
      section.appendChild(list);
      docs.appendChild(section);
    });
    search.disabled = false;
  }

  function loadDocs() {
    docs.textContent = 'Loading the schema…';
    post({ query: INTROSPECTION }).then(function (answer) {
      try {
        var body = JSON.parse(answer.text);
        if (body.data && body.data.__schema) return renderDocs(body.data.__schema);
        docs.textContent = 'The schema could not be read: ' + (body.errors ? body.errors[0].message : 'HTTP ' + answer.status);
      } catch (error) {
        docs.textContent = 'The schema could not be read: HTTP ' + answer.status;
      }
    });
  }

  search.addEventListener('input', function () {
    var needle = search.value.trim().toLowerCase();
    Array.prototype.forEach.call(docs.querySelectorAll('.explorer-type'), function (section) {
      section.hidden = needle !== '' && section.getAttribute('data-search').indexOf(needle) < 0;
    });
  });
  form.addEventListener('submit', run);
  query.addEventListener('keydown', function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') run(event);
  });
  docsButton.addEventListener('click', loadDocs);
})();
`;
