import{o as e}from"./context-BJQEy9Dx.js";import t from"node:path";function n(n,r){return t.join(e(`state`,n,r),`journal.jsonl`)}async function r(e,t,r,i){let a=n(e,t),o=await r.readText(a)??``;return await r.writeAtomic(a,`${o}${o&&!o.endsWith(`
`)?`
`:``}${JSON.stringify(i)}\n`,{overwrite:!0,mode:384}),a}async function i(e,t,r){let i=await r.readText(n(e,t))??``,a=[],o=0;for(let e of i.split(`
`))if(e.trim())try{let t=JSON.parse(e);typeof t.at==`string`&&!Number.isNaN(Date.parse(t.at))?a.push(t):o++}catch{o++}return{records:a,damaged:o}}export{i as n,r as t};