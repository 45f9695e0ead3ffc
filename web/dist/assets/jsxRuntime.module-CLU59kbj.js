var e,t,n,r,i,a,o,s,c,l,u,d,f,p,m,h={},g=[],_=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,v=Array.isArray;function y(e,t){for(var n in t)e[n]=t[n];return e}function b(e){e&&e.parentNode&&e.parentNode.removeChild(e)}function x(t,n,r){var i,a,o,s={};for(o in n)o==`key`?i=n[o]:o==`ref`?a=n[o]:s[o]=n[o];if(arguments.length>2&&(s.children=arguments.length>3?e.call(arguments,2):r),typeof t==`function`&&t.defaultProps!=null)for(o in t.defaultProps)s[o]===void 0&&(s[o]=t.defaultProps[o]);return S(t,s,i,a,null)}function S(e,r,i,a,o){var s={type:e,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:o??++n,__i:-1,__u:0};return o==null&&t.vnode!=null&&t.vnode(s),s}function C(e){return e.children}function w(e,t){this.props=e,this.context=t}function T(e,t){if(t==null)return e.__?T(e.__,e.__i+1):null;for(var n;t<e.__k.length;t++)if((n=e.__k[t])!=null&&n.__e!=null)return n.__e;return typeof e.type==`function`?T(e):null}function E(e){if(e.__P&&e.__d){var n=e.__v,r=n.__e,i=[],a=[],o=y({},n);o.__v=n.__v+1,t.vnode&&t.vnode(o),I(e.__P,o,n,e.__n,e.__P.namespaceURI,32&n.__u?[r]:null,i,r??T(n),!!(32&n.__u),a),o.__v=n.__v,o.__.__k[o.__i]=o,ne(i,o,a),n.__e=n.__=null,o.__e!=r&&D(o)}}function D(e){if((e=e.__)!=null&&e.__c!=null)return e.__e=e.__c.base=null,e.__k.some(function(t){if(t!=null&&t.__e!=null)return e.__e=e.__c.base=t.__e}),D(e)}function O(e){(!e.__d&&(e.__d=!0)&&r.push(e)&&!k.__r++||i!=t.debounceRendering)&&((i=t.debounceRendering)||a)(k)}function k(){try{for(var e,t=1;r.length;)r.length>t&&r.sort(o),e=r.shift(),t=r.length,E(e)}finally{r.length=k.__r=0}}function ee(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,m,_,v,y=r&&r.__k||g,b=t.length;for(c=A(n,t,y,c,b),d=0;d<b;d++)(p=n.__k[d])!=null&&(f=p.__i!=-1&&y[p.__i]||h,p.__i=d,v=I(e,p,f,i,a,o,s,c,l,u),m=p.__e,p.ref&&f.ref!=p.ref&&(f.ref&&R(f.ref,null,p),u.push(p.ref,p.__c||m,p)),_==null&&m!=null&&(_=m),4&p.__u?(c=j(p,c,e),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:m&&(c=m.nextSibling),p.__u&=-7);return n.__e=_,c}function A(e,t,n,r,i){var a,o,s,c,l,u=n.length,d=u,f=0;for(e.__k=Array(i),a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o==`string`||typeof o==`number`||typeof o==`bigint`||o.constructor==String?o=e.__k[a]=S(null,o,null,null,null):v(o)?o=e.__k[a]=S(C,{children:o},null,null,null):o.constructor===void 0&&o.__b>0?o=e.__k[a]=S(o.type,o.props,o.key,o.ref?o.ref:null,o.__v):e.__k[a]=o,c=a+f,o.__=e,o.__b=e.__b+1,s=null,(l=o.__i=N(o,n,c,d))!=-1&&(d--,(s=n[l])&&(s.__u|=2)),s==null||s.__v==null?(l==-1&&(i>u?f--:i<u&&f++),typeof o.type!=`function`&&(o.__u|=4)):l!=c&&(l==c-1?f--:l==c+1?f++:(l>c?f--:f++,o.__u|=4))):e.__k[a]=null;if(d)for(a=0;a<u;a++)(s=n[a])!=null&&!(2&s.__u)&&(s.__e==r&&(r=T(s)),ae(s,s));return r}function j(e,t,n){var r,i;if(typeof e.type==`function`){for(r=e.__k,i=0;r&&i<r.length;i++)r[i]&&(r[i].__=e,t=j(r[i],t,n));return t}e.__e!=t&&(t&&e.type&&!t.parentNode&&(t=T(e)),t=n.insertBefore(e.__e,t||null));do t&&=t.nextSibling;while(t!=null&&t.nodeType==8);return t}function M(e,t){return t||=[],e==null||typeof e==`boolean`||(v(e)?e.some(function(e){M(e,t)}):t.push(e)),t}function N(e,t,n,r){var i,a,o,s=e.key,c=e.type,l=t[n],u=l!=null&&!(2&l.__u);if(l===null&&s==null||u&&s==l.key&&c==l.type)return n;if(r>+!!u){for(i=n-1,a=n+1;i>=0||a<t.length;)if((l=t[o=i>=0?i--:a++])!=null&&!(2&l.__u)&&s==l.key&&c==l.type)return o}return-1}function P(e,t,n){t[0]==`-`?e.setProperty(t,n??``):e[t]=n==null?``:typeof n!=`number`||_.test(t)?n:n+`px`}function F(e,t,n,r,i){var a,o;e:if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||P(e.style,t,``);if(n)for(t in n)r&&n[t]==r[t]||P(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)a=t!=(t=t.replace(u,`$1`)),o=t.toLowerCase(),t=o in e||t==`onFocusOut`||t==`onFocusIn`?o.slice(2):t.slice(2),e.l||={},e.l[t+a]=n,n?r?n[l]=r[l]:(n[l]=d,e.addEventListener(t,a?p:f,a)):e.removeEventListener(t,a?p:f,a);else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;break e}catch{}typeof n==`function`||(n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n))}}function te(e){return function(n){if(this.l){var r=this.l[n.type+e];if(n[c]==null)n[c]=d++;else if(n[c]<r[l])return;return r(t.event?t.event(n):n)}}}function I(e,n,r,i,a,o,s,c,l,u){var d,f,p,m,h,_,x,S,E,D,O,k,A,j,M,N,P=n.type;if(n.constructor!==void 0)return null;128&r.__u&&(l=!!(32&r.__u),o=[c=n.__e=r.__e]),(d=t.__b)&&d(n);e:if(typeof P==`function`){f=s.length;try{if(E=n.props,D=P.prototype&&P.prototype.render,O=(d=P.contextType)&&i[d.__c],k=d?O?O.props.value:d.__:i,r.__c?S=(p=n.__c=r.__c).__=p.__E:(D?n.__c=p=new P(E,k):(n.__c=p=new w(E,k),p.constructor=P,p.render=oe),O&&O.sub(p),p.state||(p.state={}),p.__n=i,m=p.__d=!0,p.__h=[],p._sb=[]),D&&p.__s==null&&(p.__s=p.state),D&&P.getDerivedStateFromProps!=null&&(p.__s==p.state&&(p.__s=y({},p.__s)),y(p.__s,P.getDerivedStateFromProps(E,p.__s))),h=p.props,_=p.state,p.__v=n,m)D&&P.getDerivedStateFromProps==null&&p.componentWillMount!=null&&p.componentWillMount(),D&&p.componentDidMount!=null&&p.__h.push(p.componentDidMount);else{if(D&&P.getDerivedStateFromProps==null&&E!==h&&p.componentWillReceiveProps!=null&&p.componentWillReceiveProps(E,k),n.__v==r.__v||!p.__e&&p.shouldComponentUpdate!=null&&!1===p.shouldComponentUpdate(E,p.__s,k)){n.__v!=r.__v&&(p.props=E,p.state=p.__s,p.__d=!1),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),g.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&s.push(p),c=T(r);break e}p.componentWillUpdate!=null&&p.componentWillUpdate(E,p.__s,k),D&&p.componentDidUpdate!=null&&p.__h.push(function(){p.componentDidUpdate(h,_,x)})}if(p.context=k,p.props=E,p.__P=e,p.__e=!1,A=t.__r,j=0,D)p.state=p.__s,p.__d=!1,A&&A(n),d=p.render(p.props,p.state,p.context),g.push.apply(p.__h,p._sb),p._sb=[];else do p.__d=!1,A&&A(n),d=p.render(p.props,p.state,p.context),p.state=p.__s;while(p.__d&&++j<25);p.state=p.__s,p.getChildContext!=null&&(i=y(y({},i),p.getChildContext())),D&&!m&&p.getSnapshotBeforeUpdate!=null&&(x=p.getSnapshotBeforeUpdate(h,_)),M=d!=null&&d.type===C&&d.key==null?re(d.props.children):d,c=ee(e,v(M)?M:[M],n,r,i,a,o,s,c,l,u),p.base=n.__e,n.__u&=-161,p.__h.length&&s.push(p),S&&(p.__E=p.__=null)}catch(e){if(s.length=f,n.__v=null,l||o!=null){if(e.then){for(n.__u|=l?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;o!=null&&(o[o.indexOf(c)]=null),n.__e=c}else if(o!=null)for(N=o.length;N--;)b(o[N])}else n.__e=r.__e;n.__k??=r.__k||[],e.then||L(n),t.__e(e,n,r)}}else o==null&&n.__v==r.__v?(n.__k=r.__k,n.__e=r.__e):c=n.__e=ie(r.__e,n,r,i,a,o,s,l,u);return(d=t.diffed)&&d(n),128&n.__u?void 0:c}function L(e){e&&(e.__c&&(e.__c.__e=!0),e.__k&&e.__k.some(L))}function ne(e,n,r){for(var i=0;i<r.length;i++)R(r[i],r[++i],r[++i]);t.__c&&t.__c(n,e),e.some(function(n){try{e=n.__h,n.__h=[],e.some(function(e){e.call(n)})}catch(e){t.__e(e,n.__v)}})}function re(e){return typeof e!=`object`||!e||e.__b>0?e:v(e)?e.map(re):e.constructor===void 0?y({},e):null}function ie(n,r,i,a,o,s,c,l,u){var d,f,p,m,g,_,y,x=i.props||h,S=r.props,C=r.type;if(C==`svg`?o=`http://www.w3.org/2000/svg`:C==`math`?o=`http://www.w3.org/1998/Math/MathML`:o||=`http://www.w3.org/1999/xhtml`,s!=null){for(d=0;d<s.length;d++)if((g=s[d])&&`setAttribute`in g==!!C&&(C?g.localName==C:g.nodeType==3)){n=g,s[d]=null;break}}if(n==null){if(C==null)return document.createTextNode(S);n=document.createElementNS(o,C,S.is&&S),l&&=(t.__m&&t.__m(r,s),!1),s=null}if(C==null)x===S||l&&n.data==S||(n.data=S);else{if(s=C==`textarea`&&S.defaultValue!=null?null:s&&e.call(n.childNodes),!l&&s!=null)for(x={},d=0;d<n.attributes.length;d++)x[(g=n.attributes[d]).name]=g.value;for(d in x)g=x[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in S||d==`value`&&`defaultValue`in S||d==`checked`&&`defaultChecked`in S||F(n,d,null,g,o);for(d in S)g=S[d],d==`children`?m=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?_=g:d==`checked`?y=g:l&&typeof g!=`function`||x[d]===g||F(n,d,g,x[d],o);if(f)l||p&&(f.__html==p.__html||f.__html==n.innerHTML)||(n.innerHTML=f.__html),r.__k=[];else if(p&&(n.innerHTML=``),ee(r.type==`template`?n.content:n,v(m)?m:[m],r,i,a,C==`foreignObject`?`http://www.w3.org/1999/xhtml`:o,s,c,s?s[0]:i.__k&&T(i,0),l,u),s!=null)for(d=s.length;d--;)b(s[d]);l&&C!=`textarea`||(d=`value`,C==`progress`&&_==null?n.removeAttribute(`value`):_!=null&&(_!==n[d]||C==`progress`&&!_||C==`option`&&_!=x[d])&&F(n,d,_,x[d],o),d=`checked`,y!=null&&y!=n[d]&&F(n,d,y,x[d],o))}return n}function R(e,n,r){try{if(typeof e==`function`){var i=typeof e.__u==`function`;i&&e.__u(),i&&n==null||(e.__u=e(n))}else e.current=n}catch(e){t.__e(e,r)}}function ae(e,n,r){var i,a;if(t.unmount&&t.unmount(e),(i=e.ref)&&(i.current&&i.current!=e.__e||R(i,null,n)),(i=e.__c)!=null){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(e){t.__e(e,n)}i.base=i.__P=i.__n=null}if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&ae(i[a],n,r||typeof e.type!=`function`);r||b(e.__e),e.__c=e.__=e.__e=void 0}function oe(e,t,n){return this.constructor(e,n)}function se(n,r,i){var a,o,s,c;r==document&&(r=document.documentElement),t.__&&t.__(n,r),o=(a=typeof i==`function`)?null:i&&i.__k||r.__k,s=[],c=[],I(r,n=(!a&&i||r).__k=x(C,null,[n]),o||h,h,r.namespaceURI,!a&&i?[i]:o?null:r.firstChild?e.call(r.childNodes):null,s,!a&&i?i:o?o.__e:r.firstChild,a,c),ne(s,n,c),n.props.children=null}function ce(e){function t(e){var n,r;return this.getChildContext||(n=new Set,(r={})[t.__c]=this,this.getChildContext=function(){return r},this.componentWillUnmount=function(){n=null},this.shouldComponentUpdate=function(e){this.props.value!=e.value&&n.forEach(function(e){e.__e=!0,O(e)})},this.sub=function(e){n.add(e);var t=e.componentWillUnmount;e.componentWillUnmount=function(){n&&n.delete(e),t&&t.call(e)}}),e.children}return t.__c=`__cC`+m++,t.__=e,t.Provider=t.__l=(t.Consumer=function(e,t){return e.children(t)}).contextType=t,t}e=g.slice,t={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!i.__)try{if((a=i.constructor)&&a.getDerivedStateFromError!=null&&(i.setState(a.getDerivedStateFromError(e)),o=i.__d),i.componentDidCatch!=null&&(i.componentDidCatch(e,r||{}),o=i.__d),o)return i.__E=i}catch(t){e=t}throw e}},n=0,w.prototype.setState=function(e,t){var n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=y({},this.state);typeof e==`function`&&(e=e(y({},n),this.props)),e&&y(n,e),e!=null&&this.__v&&(t&&this._sb.push(t),O(this))},w.prototype.forceUpdate=function(e){this.__v&&(this.__e=!0,e&&this.__h.push(e),O(this))},w.prototype.render=C,r=[],a=typeof Promise==`function`?Promise.prototype.then.bind(Promise.resolve()):setTimeout,o=function(e,t){return e.__v.__b-t.__v.__b},k.__r=0,s=Math.random().toString(8),c=`__d`+s,l=`__a`+s,u=/(PointerCapture)$|Capture$/i,d=0,f=te(!1),p=te(!0),m=0;var z,B,V,H,U=0,W=[],G=t,K=G.__b,le=G.__r,ue=G.diffed,de=G.__c,fe=G.unmount,pe=G.__;function q(e,t){G.__h&&G.__h(B,e,U||t),U=0;var n=B.__H||(B.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function me(e){return U=1,he(we,e)}function he(e,t,n){var r=q(z++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):we(void 0,t),function(e){var t=r.__N?r.__N[0]:r.__[0],n=r.t(t,e);t!==n&&(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=B,!B.__f)){var i=function(e,t,n){if(!r.__c.__H)return!0;var i=!1,o=r.__c.props!==e;if(r.__c.__H.__.some(function(e){if(e.__N){i=!0;var t=e.__[0];e.__=e.__N,e.__N=void 0,t!==e.__[0]&&(o=!0)}}),a){var s=a.call(this,e,t,n);return i?s||o:s}return!i||o};B.__f=!0;var a=B.shouldComponentUpdate,o=B.componentWillUpdate;B.componentWillUpdate=function(e,t,n){if(this.__e){var r=a;a=void 0,i(e,t,n),a=r}o&&o.call(this,e,t,n)},B.shouldComponentUpdate=i}return r.__N||r.__}function ge(e,t){var n=q(z++,3);!G.__s&&Ce(n.__H,t)&&(n.__=e,n.u=t,B.__H.__h.push(n))}function _e(e){return U=5,J(function(){return{current:e}},[])}function J(e,t){var n=q(z++,7);return Ce(n.__H,t)&&(n.__=e(),n.__H=t,n.__h=e),n.__}function ve(e,t){return U=8,J(function(){return e},t)}function ye(e){var t=B.context[e.__c],n=q(z++,9);return n.c=e,t?(n.__??(n.__=!0,t.sub(B)),t.props.value):e.__}function be(){for(var e;e=W.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Y),t.__h.some(X),t.__h=[]}catch(n){t.__h=[],G.__e(n,e.__v)}}}G.__b=function(e){B=null,K&&K(e)},G.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),pe&&pe(e,t)},G.__r=function(e){le&&le(e),z=0;var t=(B=e.__c).__H;t&&(V===B?(t.__h=[],B.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})):(t.__h.some(Y),t.__h.some(X),t.__h=[],z=0)),V=B},G.diffed=function(e){ue&&ue(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&(W.push(t)!==1&&H===G.requestAnimationFrame||((H=G.requestAnimationFrame)||Se)(be)),t.__H.__.some(function(e){e.u&&=(e.__H=e.u,void 0)})),V=B=null},G.__c=function(e,t){t.some(function(e){try{e.__h.some(Y),e.__h=e.__h.filter(function(e){return!e.__||X(e)})}catch(n){t.some(function(e){e.__h&&=[]}),t=[],G.__e(n,e.__v)}}),de&&de(e,t)},G.unmount=function(e){fe&&fe(e);var t,n=e.__c;n&&n.__H&&(n.__H.__.some(function(e){try{Y(e)}catch(e){t=e}}),n.__H=void 0,t&&G.__e(t,n.__v))};var xe=typeof requestAnimationFrame==`function`;function Se(e){var t,n=function(){clearTimeout(r),xe&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);xe&&(t=requestAnimationFrame(n))}function Y(e){var t=B,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),B=t}function X(e){var t=B;e.__c=e.__(),B=t}function Ce(e,t){return!e||e.length!==t.length||t.some(function(t,n){return t!==e[n]})}function we(e,t){return typeof t==`function`?t(e):t}var Z=`voicemap.apiKey`;function Te(){return sessionStorage.getItem(Z)}function Ee(e){sessionStorage.setItem(Z,e.trim())}function De(){sessionStorage.removeItem(Z)}var Q=class extends Error{code;constructor(e,t){super(e),this.code=t}};function Oe(e,t,n){return ke(Te(),e,t,n)}async function ke(e,t,n,r){let i=performance.now(),a={"Content-Type":`application/json`};e&&(a.Authorization=`Bearer ${e}`);let o=await fetch(`/graphql`,{method:`POST`,headers:a,body:JSON.stringify({query:t.toString(),variables:n}),signal:r,credentials:`omit`}),s;try{s=await o.json()}catch{throw new Q(`the server answered ${o.status} without a GraphQL body`,o.status===429?`RATE_LIMITED`:`INTERNAL`)}if(performance.measure(`gql ${Ae(t.toString())}`,{start:i}),s.errors?.length){let e=s.errors[0];throw new Q(e.message,e.extensions?.code??`INTERNAL`)}if(!s.data)throw new Q(`the server answered no data`,`INTERNAL`);return s.data}function Ae(e){return/\b(?:query|mutation)\s+(\w+)/.exec(e)?.[1]??`anonymous`}var $=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}};new $(`
    fragment ActorBrief on Actor {
  id
  name
  ... on Person {
    capacity
    groups
    roles
  }
  ... on Organisation {
    kind
  }
}
    `,{fragmentName:`ActorBrief`}),new $(`
    fragment PlaceItem on Place {
  id
  name
  population
  needIndex
  needScale
  parent {
    id
  }
}
    `,{fragmentName:`PlaceItem`}),new $(`
    fragment Figures on RecommendationFigures {
  unheardVoices
  withinTwoStepsOfPower
  seatHHI
}
    `,{fragmentName:`Figures`}),new $(`
    fragment MyDataFields on MyData {
  id
  name
  groups
  roles
  livedExperience
  consent
  ties {
    id
    kind
    since
    until
    other {
      id
      name
    }
    saidByMe
    disputed
    source {
      kind
      on
    }
  }
  seats {
    id
    forum {
      id
      name
    }
    level
    stage
  }
  invitations {
    surveyId
    status
    expiresAt
  }
  corrections {
    id
    entityId
    field
    previous
    value
    at
  }
  disputes {
    id
    relationshipId
    reason
    raisedOn
    resolution
    resolvedOn
  }
}
    `,{fragmentName:`MyDataFields`}),new $(`
    fragment SurveyFields on Survey {
  id
  name
  placeId
  influenceIds
  influenceOver
  groups
  forumIds
  createdOn
  closesOn
  questions {
    id
    prompt
    kind
    fromNamed
  }
}
    `,{fragmentName:`SurveyFields`});var je=new $(`
    query Money($placeId: ID, $to: Date) {
  underservedReport(withinPlaceId: $placeId, to: $to, first: 500) {
    currency
    grants
    totalAwarded
    population
    places {
      rank
      population
      grants
      awarded
      perHead
      needIndex
      needScale
      needWeight
      fairShare
      gap
      gapPerHead
      place {
        id
        name
      }
    }
    unranked {
      awarded
      place {
        id
        name
      }
    }
  }
  fundingConcentration(placeId: $placeId, to: $to) {
    grants
    total
    recipients
    gini
    hhi
    effectiveRecipients
    topShare
    topRecipient {
      id
      name
    }
  }
  funders: grantTotals(groupBy: FUNDER, to: $to) {
    key
    label
  }
}
    `),Me=new $(`
    query Reach($funderId: ID!, $placeId: ID, $asOf: Date) {
  fundingReach(funderId: $funderId, placeId: $placeId, asOf: $asOf) {
    basis
    grants
    total
    reachingAmount
    share
    targets
    reached
  }
}
    `),Ne=new $(`
    query NetworkPicture($placeId: ID, $asOf: Date, $maxNodes: Int, $expand: [ID!]) {
  networkLayout(
    placeId: $placeId
    asOf: $asOf
    maxNodes: $maxNodes
    expand: $expand
  ) {
    collapsed
    columns {
      ids
      x
      y
      size
      community
      isActor
      source
      target
      weight
    }
  }
}
    `),Pe=new $(`
    query NetworkActors($placeId: ID, $asOf: Date, $maxNodes: Int, $expand: [ID!]) {
  networkLayout(
    placeId: $placeId
    asOf: $asOf
    maxNodes: $maxNodes
    expand: $expand
  ) {
    nodes {
      id
      actor {
        ...ActorBrief
      }
    }
  }
}
    fragment ActorBrief on Actor {
  id
  name
  ... on Person {
    capacity
    groups
    roles
  }
  ... on Organisation {
    kind
  }
}`),Fe=new $(`
    query NetworkMarks($placeId: ID, $asOf: Date, $measure: CentralityMeasure!) {
  centrality(placeId: $placeId, asOf: $asOf, measure: $measure, first: 500) {
    rank
    score
    actor {
      id
    }
  }
  unheardVoices(placeId: $placeId, asOf: $asOf, first: 500) {
    unheard
    person {
      id
    }
  }
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    seats {
      holderList {
        seats
        actor {
          id
        }
      }
    }
  }
}
    `),Ie=new $(`
    query ActorPanel($placeId: ID, $asOf: Date, $personId: ID!, $isPerson: Boolean!) {
  degree: centrality(placeId: $placeId, asOf: $asOf, measure: DEGREE, first: 500) {
    rank
    score
    actor {
      id
    }
  }
  betweenness: centrality(
    placeId: $placeId
    asOf: $asOf
    measure: BETWEENNESS
    first: 500
  ) {
    rank
    score
    actor {
      id
    }
  }
  pagerank: centrality(
    placeId: $placeId
    asOf: $asOf
    measure: PAGERANK
    first: 500
  ) {
    rank
    score
    actor {
      id
    }
  }
  harmonic: centrality(
    placeId: $placeId
    asOf: $asOf
    measure: HARMONIC
    first: 500
  ) {
    rank
    score
    actor {
      id
    }
  }
  voices: unheardVoices(placeId: $placeId, asOf: $asOf, first: 500) {
    person {
      id
    }
    score
    reasons
    unheard
    hopsToPower
    gatekeeper {
      id
      name
    }
  }
  path: pathToPower(personId: $personId, asOf: $asOf) @include(if: $isPerson) {
    ...ActorBrief
  }
}
    fragment ActorBrief on Actor {
  id
  name
  ... on Person {
    capacity
    groups
    roles
  }
  ... on Organisation {
    kind
  }
}`),Le=new $(`
    query ExportNetwork($placeId: ID, $asOf: Date, $format: ExportFormat!) {
  exportNetwork(placeId: $placeId, asOf: $asOf, format: $format)
}
    `),Re=new $(`
    query Overview($placeId: ID, $asOf: Date!, $from: Date!) {
  networkSummary(placeId: $placeId, asOf: $asOf) {
    actors
    ties
    components
    density
  }
  now: powerTrend(placeId: $placeId, from: $asOf, to: $asOf, step: MONTH) {
    date
    unheardVoices
    communitySeatShare
    betweennessCentralization
  }
  trend: powerTrend(placeId: $placeId, from: $from, to: $asOf, step: QUARTER) {
    date
    unheardVoices
    communitySeatShare
    betweennessCentralization
    betweennessGini
    degreeCentralization
    pageRankGini
  }
}
    `),ze=new $(`
    query OverviewSeats($placeId: ID, $asOf: Date!) {
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    seats {
      seats
      holders
      hhi
      majorityHolders
    }
  }
}
    `),Be=new $(`
    query PlaceList {
  places(first: 500) {
    edges {
      node {
        ...PlaceItem
      }
    }
  }
}
    fragment PlaceItem on Place {
  id
  name
  population
  needIndex
  needScale
  parent {
    id
  }
}`),Ve=new $(`
    query PlaceTree {
  places(first: 10) {
    edges {
      node {
        ...PlaceItem
        children(first: 20) {
          edges {
            node {
              ...PlaceItem
              children(first: 20) {
                edges {
                  node {
                    ...PlaceItem
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
    fragment PlaceItem on Place {
  id
  name
  population
  needIndex
  needScale
  parent {
    id
  }
}`),He=new $(`
    query PlaceGeometry($id: ID!) {
  place(id: $id) {
    id
    geometry
  }
}
    `),Ue=new $(`
    query Power($placeId: ID!, $asOf: Date!) {
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    actors
    degreeCentralization
    betweennessCentralization
    betweennessGini
    pageRankGini
    topShare
    topShareActors
    approximate
    seats {
      seats
      holders
      hhi
      majorityHolders
      professionalShare
      communityShare
      organisationShare
      holderList {
        kind
        seats
        actor {
          id
          name
        }
      }
    }
  }
  representation(placeId: $placeId, asOf: $asOf) {
    group
    members
    communityMembers
    communityShare
    shareSource
    seats
    seatShare
    ratio
    representatives
    token
    involvedFromStart
  }
  nothingAboutUsWithoutUs(placeId: $placeId, asOf: $asOf) {
    group
    forum {
      id
      name
    }
    present {
      id
      name
    }
  }
}
    `),We=new $(`
    query PowerTrend($placeId: ID, $from: Date!, $to: Date!) {
  powerTrend(placeId: $placeId, from: $from, to: $to, step: QUARTER) {
    date
    degreeCentralization
    betweennessCentralization
    betweennessGini
    pageRankGini
    communitySeatShare
    unheardVoices
  }
  relationshipQuality(placeId: $placeId, asOf: $to) {
    ties
    reciprocalShare
    longLivedShare
    multiplexShare
  }
}
    `),Ge=new $(`
    query Recommendations($placeId: ID!, $asOf: Date) {
  recommendations(placeId: $placeId, asOf: $asOf, first: 10) {
    kind
    gain
    groups
    stage
    from {
      id
      name
    }
    to {
      id
      name
    }
    person {
      id
      name
    }
    forum {
      id
      name
      participations(first: 100) {
        edges {
          node {
            level
            actor {
              id
            }
          }
        }
      }
    }
    before {
      ...Figures
    }
    after {
      ...Figures
    }
    alternatives {
      id
      name
    }
  }
}
    fragment Figures on RecommendationFigures {
  unheardVoices
  withinTwoStepsOfPower
  seatHHI
}`),Ke=new $(`
    query Questionnaire {
  questionnaire {
    status
    expiresAt
    surveyName
    closesOn
    me
    influenceOver
    groups
    questions {
      id
      prompt
      kind
      fromNamed
    }
    forums {
      id
      name
    }
    rated {
      id
      name
    }
    draft {
      names {
        questionId
        personId
        label
        name
      }
      forums {
        forumId
        level
        stage
      }
      groups
      felt
      ratings {
        actorId
        value
      }
    }
  }
}
    `),qe=new $(`
    query NameSearch($text: String!) {
  nameSearch(text: $text) {
    id
    name
  }
}
    `),Je=new $(`
    query MyData {
  myData {
    ...MyDataFields
  }
}
    fragment MyDataFields on MyData {
  id
  name
  groups
  roles
  livedExperience
  consent
  ties {
    id
    kind
    since
    until
    other {
      id
      name
    }
    saidByMe
    disputed
    source {
      kind
      on
    }
  }
  seats {
    id
    forum {
      id
      name
    }
    level
    stage
  }
  invitations {
    surveyId
    status
    expiresAt
  }
  corrections {
    id
    entityId
    field
    previous
    value
    at
  }
  disputes {
    id
    relationshipId
    reason
    raisedOn
    resolution
    resolvedOn
  }
}`),Ye=new $(`
    mutation AnswerConsent($give: Boolean!) {
  answerConsent(give: $give)
}
    `),Xe=new $(`
    mutation SaveDraft($answers: ResponseInput!) {
  saveDraft(answers: $answers)
}
    `),Ze=new $(`
    mutation SubmitResponse($answers: ResponseInput!) {
  submitResponse(answers: $answers)
}
    `),Qe=new $(`
    mutation CorrectMyData($input: CorrectionInput!) {
  correctMyData(input: $input) {
    ...MyDataFields
  }
}
    fragment MyDataFields on MyData {
  id
  name
  groups
  roles
  livedExperience
  consent
  ties {
    id
    kind
    since
    until
    other {
      id
      name
    }
    saidByMe
    disputed
    source {
      kind
      on
    }
  }
  seats {
    id
    forum {
      id
      name
    }
    level
    stage
  }
  invitations {
    surveyId
    status
    expiresAt
  }
  corrections {
    id
    entityId
    field
    previous
    value
    at
  }
  disputes {
    id
    relationshipId
    reason
    raisedOn
    resolution
    resolvedOn
  }
}`),$e=new $(`
    mutation DisputeTie($relationshipId: ID!, $reason: String) {
  disputeTie(relationshipId: $relationshipId, reason: $reason) {
    id
  }
}
    `),et=new $(`
    mutation WithdrawConsent {
  withdrawConsent
}
    `),tt=new $(`
    query Surveys($placeId: ID) {
  surveys(placeId: $placeId) {
    ...SurveyFields
  }
}
    fragment SurveyFields on Survey {
  id
  name
  placeId
  influenceIds
  influenceOver
  groups
  forumIds
  createdOn
  closesOn
  questions {
    id
    prompt
    kind
    fromNamed
  }
}`),nt=new $(`
    query SurveyChoices($placeId: ID!) {
  forums(first: 200) {
    edges {
      node {
        id
        name
      }
    }
  }
  organisations(first: 200) {
    edges {
      node {
        id
        name
      }
    }
  }
  place(id: $placeId) {
    populationByGroup {
      group
    }
  }
}
    `),rt=new $(`
    query SurveyPeople($placeId: ID) {
  people(placeId: $placeId, first: 500) {
    edges {
      node {
        id
        name
        groups
        consent
        source {
          kind
        }
      }
    }
  }
}
    `),it=new $(`
    mutation UpsertSurvey($input: SurveyInput!) {
  upsertSurvey(input: $input) {
    ...SurveyFields
  }
}
    fragment SurveyFields on Survey {
  id
  name
  placeId
  influenceIds
  influenceOver
  groups
  forumIds
  createdOn
  closesOn
  questions {
    id
    prompt
    kind
    fromNamed
  }
}`),at=new $(`
    mutation Invite($surveyId: ID!, $personId: ID!, $validDays: Int) {
  invite(surveyId: $surveyId, personId: $personId, validDays: $validDays) {
    link
    invitation {
      id
      personId
      status
      expiresAt
    }
  }
}
    `),ot=new $(`
    query SurveyAdmin($id: ID!) {
  survey(id: $id) {
    id
    invitations {
      id
      personId
      person {
        id
        name
      }
      status
      invitedAt
      expiresAt
      consentedAt
      submittedAt
    }
    disputes(open: true) {
      id
      relationshipId
      personId
      reason
      raisedOn
    }
  }
}
    `),st=new $(`
    mutation ResolveDispute($surveyId: ID!, $id: ID!, $remove: Boolean!) {
  resolveDispute(surveyId: $surveyId, id: $id, remove: $remove) {
    id
    resolution
    resolvedOn
  }
}
    `),ct=new $(`
    query SurveyFigures($id: ID!) {
  surveyCoverage(surveyId: $id) {
    all {
      invited
      responded
      population
      responseRate
      reach
    }
    groups {
      group
      invited
      responded
      population
      responseRate
      reach
      invitedShare
      respondentShare
      populationShare
      representation
      invitedRepresentation
      suppressed
    }
  }
  surveyFeltVoice(surveyId: $id) {
    group
    answered
    unanswered
    both
    feltOnly
    flaggedOnly
    neither
    medianFelt
    kappa
    suppressed
  }
  surveyInfluence(surveyId: $id) {
    items {
      actorId
      actor {
        id
        name
      }
      over
      all {
        ratings
        counts
        median
        q1
        q3
        iqr
      }
      byGroup {
        group
        suppressed
        summary {
          ratings
          counts
          median
          q1
          q3
          iqr
        }
      }
    }
    agreement {
      group
      raters
      pairableValues
      alpha
      suppressed
    }
  }
}
    `),lt=new $(`
    query SurveyFeltPeople($id: ID!) {
  surveyFeltVoice(surveyId: $id) {
    group
    feltOnlyPeople {
      id
      name
    }
    flaggedOnlyPeople {
      id
      name
    }
  }
}
    `),ut=new $(`
    query Viewer {
  viewer {
    keyId
    role
    personLevel
    explorer
    places {
      id
      name
    }
  }
}
    `),dt=new $(`
    query Voices($placeId: ID, $asOf: Date) {
  unheardVoices(placeId: $placeId, asOf: $asOf, first: 500) {
    person {
      id
      name
      groups
    }
    score
    reasons
    unheard
    hopsToPower
    gatekeeper {
      id
      name
    }
    pathToPower {
      id
      name
    }
  }
  powerConcentration(placeId: $placeId, asOf: $asOf) {
    gatekeepers {
      cutsOff
      actor {
        id
        name
      }
    }
  }
}
    `),ft=new $(`
    query VoiceGroups($placeId: ID, $asOf: Date) {
  unheardVoiceGroups(placeId: $placeId, asOf: $asOf) {
    group
    people
    unheard
    suppressed
  }
}
    `),pt=0;Array.isArray;function mt(e,n,r,i,a,o){n||={};var s,c,l=n;if(`ref`in l)for(c in l={},n)c==`ref`?s=n[c]:l[c]=n[c];var u={type:e,props:l,key:r,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:--pt,__i:-1,__u:0,__source:a,__self:o};if(typeof e==`function`&&(s=e.defaultProps))for(c in s)l[c]===void 0&&(l[c]=s[c]);return t.vnode&&t.vnode(u),u}export{C as $,ct as A,ke as B,Ge as C,ot as D,Ze as E,ft as F,J as G,Te as H,dt as I,ve as J,me as K,et as L,tt as M,it as N,nt as O,ut as P,se as Q,Q as R,Me as S,Xe as T,Ee as U,De as V,_e as W,w as X,ye as Y,M as Z,Be as _,$e as a,We as b,je as c,Pe as d,ce as et,Fe as f,He as g,ze as h,Qe as i,rt as j,lt as k,Je as l,Re as m,Ie as n,t as nt,Le as o,Ne as p,ge as q,Ye as r,at as s,mt as t,x as tt,qe as u,Ve as v,st as w,Ke as x,Ue as y,Oe as z};