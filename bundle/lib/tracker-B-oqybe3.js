import{O as e,j as t,k as n}from"./visit-sre.js";import{translateError as r}from"./client-DOCWb6-L.js";const i=`author { __typename login }`,a=`rateLimit { cost }`,o=`id url createdAt body authorAssociation ${i}`,s=`id createdAt authorAssociation ${i} isMinimized deletedAt`,c=`${s} body`,l=`
  id number title url createdAt updatedAt closed closedAt isAnswered answerChosenAt
  body authorAssociation ${i}
  category { id slug name isAnswerable }
  labels(first: 30) { nodes { name } }`,u=`
  comments(last: $comments) {
    totalCount
    nodes {
      ${o} isAnswer isMinimized deletedAt
      replies(last: $replies) { totalCount nodes { ${s} } }
    }
  }`,d=`
query OpenDiscussions($owner: String!, $name: String!, $categoryId: ID, $pageSize: Int!, $comments: Int!, $replies: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: $pageSize, after: $cursor, categoryId: $categoryId, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${l} ${u} }
    }
  }
  ${a}
}`,f=`
query SearchDiscussions($searchQuery: String!, $pageSize: Int!, $comments: Int!, $replies: Int!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: $pageSize, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Discussion { ${l} ${u} } }
  }
  ${a}
}`,p=`
query DiscussionsUpdated($searchQuery: String!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: 100, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Discussion { id number updatedAt closed isAnswered category { id } labels(first: 30) { nodes { name } } } }
  }
  ${a}
}`,m=`
query DiscussionsById($ids: [ID!]!, $comments: Int!, $replies: Int!) {
  nodes(ids: $ids) { ... on Discussion { ${l} ${u} } }
  ${a}
}`,h=`
query DiscussionThread($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussion(number: $number) {
      ${l}
      comments(first: 100, after: $cursor) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          ${o} isAnswer isMinimized deletedAt
          replies(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${o} isMinimized deletedAt } }
        }
      }
    }
  }
  ${a}
}`,g=`
query CommentReplies($id: ID!, $cursor: String) {
  node(id: $id) {
    ... on DiscussionComment {
      replies(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ${o} isMinimized deletedAt } }
    }
  }
  ${a}
}`,_=`
query RepositoryScope($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id nameWithOwner hasDiscussionsEnabled
    discussionCategories(first: 100) { nodes { id slug name isAnswerable } }
  }
  ${a}
}`,v=`
query RepositoryLabels($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { id name } }
  }
  ${a}
}`,y=`
query LabelByName($owner: String!, $name: String!, $label: String!) {
  repository(owner: $owner, name: $name) { id label(name: $label) { id name } }
  ${a}
}`,b=`
query IssueForPromotion($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    id
    issue(number: $number) { id number url title state labels(first: 50) { nodes { id name } } }
  }
  ${a}
}`,x=`
mutation AddIssueComment($subjectId: ID!, $body: String!) {
  addComment(input: { subjectId: $subjectId, body: $body }) { commentEdge { node { id url } } }
}`,S=`
query RecentDiscussions($owner: String!, $name: String!, $categoryId: ID) {
  repository(owner: $owner, name: $name) {
    discussions(first: 50, categoryId: $categoryId, orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes { id number url body }
    }
  }
  ${a}
}`,C=`
query DiscussionsCreated($searchQuery: String!, $cursor: String) {
  search(query: $searchQuery, type: DISCUSSION, first: 100, after: $cursor) {
    discussionCount
    pageInfo { hasNextPage endCursor }
    nodes {
      ... on Discussion {
        ${l}
        comments(first: 30) {
          totalCount
          nodes {
            ${o} isAnswer isMinimized deletedAt
            replies(first: 10) { totalCount nodes { ${c} } }
          }
        }
      }
    }
  }
  ${a}
}`,w=`id url createdAt body authorAssociation ${i} isMinimized`,T=`
query DeskThread($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    issueOrPullRequest(number: $number) {
      __typename
      ... on Issue {
        id number title url body
        comments(last: 100, before: $cursor) { pageInfo { hasPreviousPage startCursor } nodes { ${w} } }
      }
    }
    discussion(number: $number) {
      id number title url body
      comments(last: 100, before: $cursor) { pageInfo { hasPreviousPage startCursor } nodes { ${w} deletedAt } }
    }
  }
  ${a}
}`,E=1e3,D=50,O=20,k=10,A=1e3,j=6;function M(e,t,n){return{id:e.id,url:e.url??``,kind:t,author:e.author?.login??null,authorType:e.author?.__typename??null,association:e.authorAssociation,createdAt:Date.parse(e.createdAt),body:e.body??``,...e.isAnswer?{isAnswer:!0}:{},...e.isMinimized||e.deletedAt?{hidden:!0}:{},...n?{parentId:n}:{}}}function N(e){let t=[M({...e,url:e.url},`post`)],n=e.comments.totalCount<=e.comments.nodes.length;for(let r of e.comments.nodes){t.push(M(r,`comment`)),r.replies.totalCount>r.replies.nodes.length&&(n=!1);for(let e of r.replies.nodes)t.push(M(e,`reply`,r.id))}return t.sort((e,t)=>e.kind===`post`?-1:t.kind===`post`?1:e.createdAt-t.createdAt),{id:e.id,number:e.number,title:e.title,url:e.url,createdAt:Date.parse(e.createdAt),...e.updatedAt?{updatedAt:Date.parse(e.updatedAt)}:{},closed:e.closed,closedAt:e.closedAt?Date.parse(e.closedAt):null,isAnswered:!!e.isAnswered,answerChosenAt:e.answerChosenAt?Date.parse(e.answerChosenAt):null,category:e.category,labels:(e.labels?.nodes??[]).map(e=>e.name),messages:t,complete:n}}var P=class{client;spacingMs;lastMutation=0;mutationQueue=Promise.resolve();constructor(e,t=E){this.client=e,this.spacingMs=t}mutate(e,t,n,r=!1){let i=async()=>{let i=this.lastMutation+this.spacingMs-Date.now();i>0&&await new Promise(e=>setTimeout(e,i));try{return await this.query(e,t,n,r?{retries:0}:void 0)}finally{this.lastMutation=Date.now()}},a=this.mutationQueue.then(i,i);return this.mutationQueue=a.catch(()=>void 0),a}async labelId(t,n){let r=await this.query(`reading label "${n}" of ${t.owner}/${t.name}`,y,{...t,label:n});if(!r.repository)throw new e(`repository ${t.owner}/${t.name} not found`);return{repositoryId:r.repository.id,labelId:r.repository.label?.id??null}}async issue(t,n){let r=await this.query(`reading issue #${n} of ${t.owner}/${t.name}`,b,{...t,number:n}),i=r.repository?.issue;if(!i)throw new e(`issue #${n} not found in ${t.owner}/${t.name}`,`check the number`);return{...i,repositoryId:r.repository.id,labels:i.labels.nodes}}async searchIssues(e){let t=await this.query(`searching the issues`,`
query SearchIssues($searchQuery: String!) {
  search(query: $searchQuery, type: ISSUE, first: 20) {
    issueCount
    nodes { ... on Issue { number title url labels(first: 10) { nodes { name } } } }
  }
}`,{searchQuery:e}),n=t.search.nodes.flatMap(e=>`number`in e?[{number:e.number,title:e.title,url:e.url,labels:e.labels.nodes.map(e=>e.name)}]:[]);return{total:t.search.issueCount,issues:n}}async recentIssuesBy(e,t){return((await this.query(`reading recent issues of ${e.owner}/${e.name}`,`
query RecentOwnIssues($owner: String!, $name: String!, $login: String!) {
  repository(owner: $owner, name: $name) {
    id
    issues(first: 30, orderBy: { field: CREATED_AT, direction: DESC }, filterBy: { createdBy: $login }) {
      nodes { id number url body labels(first: 20) { nodes { name } } }
    }
  }
  rateLimit { cost }
}`,{...e,login:t})).repository?.issues.nodes??[]).map(e=>({...e,title:``}))}async closedSince(t,n){let r=[],i=null;for(let a=0;a<20;a++){let a=await this.query(`reading the closed discussions of ${t.repo.owner}/${t.repo.name}`,`
query ClosedDiscussions($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: 50, after: $cursor, states: [CLOSED], orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes { number title url updatedAt closedAt category { id } labels(first: 30) { nodes { name } } }
    }
  }
}`,{...t.repo,cursor:i});if(!a.repository)throw new e(`repository ${t.repo.owner}/${t.repo.name} not found`);let{nodes:o,pageInfo:s}=a.repository.discussions;for(let e of o){let i=e.closedAt?Date.parse(e.closedAt):NaN;(t.categoryIds.length===0||t.categoryIds.includes(e.category.id))&&(!t.label||e.labels.nodes.some(e=>e.name===t.label))&&i>=n&&r.push({number:e.number,title:e.title,url:e.url,closedAt:i})}if(!s.hasNextPage||o.some(e=>Date.parse(e.updatedAt)<n))break;i=s.endCursor}return r}async recentDiscussions(t,n){let r=await this.query(`reading recent discussions of ${t.owner}/${t.name}`,S,{...t,categoryId:n});if(!r.repository)throw new e(`repository ${t.owner}/${t.name} not found`);return r.repository.discussions.nodes.map(e=>({...e,labels:(e.labels?.nodes??[]).map(e=>e.name)}))}async createDiscussion(e,t,n,r){return(await this.mutate(`creating the discussion`,`
mutation CreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
    discussion { id number url }
  }
}`,{repositoryId:e,categoryId:t,title:n,body:r},!0)).createDiscussion.discussion}async addDiscussionComment(e,t,n){return(await this.mutate(`posting a comment`,`
mutation AddDiscussionComment($discussionId: ID!, $body: String!, $replyToId: ID) {
  addDiscussionComment(input: { discussionId: $discussionId, body: $body, replyToId: $replyToId }) {
    comment { id url createdAt }
  }
}`,{discussionId:e,body:t,replyToId:n},!0)).addDiscussionComment.comment}async deleteDiscussionComment(e){await this.mutate(`removing a doubled comment`,`
mutation DeleteDiscussionComment($id: ID!) {
  deleteDiscussionComment(input: { id: $id }) {
    comment { id }
  }
}`,{id:e})}async deleteDiscussion(t){try{await this.mutate(`removing a doubled discussion`,`
mutation DeleteDiscussion($id: ID!) {
  deleteDiscussion(input: { id: $id }) {
    discussion { id }
  }
}`,{id:t})}catch(t){if(!(t instanceof e))throw t}}async markAnswer(e){await this.mutate(`marking the answer`,`
mutation MarkAnswer($id: ID!) {
  markDiscussionCommentAsAnswer(input: { id: $id }) { discussion { id isAnswered } }
}`,{id:e})}async addLabels(e,t){await this.mutate(`adding a label`,`
mutation AddLabels($labelableId: ID!, $labelIds: [ID!]!) {
  addLabelsToLabelable(input: { labelableId: $labelableId, labelIds: $labelIds }) { clientMutationId }
}`,{labelableId:e,labelIds:t})}async removeLabels(e,t){await this.mutate(`removing a label`,`
mutation RemoveLabels($labelableId: ID!, $labelIds: [ID!]!) {
  removeLabelsFromLabelable(input: { labelableId: $labelableId, labelIds: $labelIds }) { clientMutationId }
}`,{labelableId:e,labelIds:t})}async closeDiscussion(e,t){await this.mutate(`closing the discussion`,`
mutation CloseDiscussion($discussionId: ID!, $reason: DiscussionCloseReason) {
  closeDiscussion(input: { discussionId: $discussionId, reason: $reason }) { discussion { id closed } }
}`,{discussionId:e,reason:t})}async createIssue(e,t,n){return{...(await this.mutate(`creating the issue`,`
mutation CreateIssue($repositoryId: ID!, $title: String!, $body: String!) {
  createIssue(input: { repositoryId: $repositoryId, title: $title, body: $body }) { issue { id number url } }
}`,{repositoryId:e,title:t,body:n},!0)).createIssue.issue,title:t}}async addIssueComment(e,t){return{url:(await this.mutate(`commenting on the issue`,x,{subjectId:e,body:t},!0)).addComment.commentEdge.node.url}}async deskThread(n,i,a={}){let o=`${n.owner}/${n.name}#${i}`,s=async e=>{try{return await this.client.octokit.graphql(T,{...n,number:i,cursor:e,...a.quick?{request:{retries:0,signal:AbortSignal.timeout(3e3)}}:{}})}catch(e){let t=e;if(t.name===`GraphqlResponseError`&&t.data?.repository&&t.errors?.every(e=>e.type===`NOT_FOUND`))return t.data;throw r(e,`reading the desk thread ${o}`,this.client.endpoints,{...n,number:i})}},c=null,l=null,u=[];for(;;){let r=await s(c);if(!r.repository)throw new e(`repository ${n.owner}/${n.name} not found`,`fix desk.thread in the config`);let i=r.repository.issueOrPullRequest;if(i&&i.__typename!==`Issue`)throw new t(`desk.thread ${o} is a pull request`,`point desk.thread at an issue or a discussion`);let d=i??r.repository.discussion;if(!d)throw new e(`desk.thread ${o} is neither an issue nor a discussion`,`fix desk.thread in the config, or create the thread`);l??=d,u.unshift(d.comments.nodes);let f=d.comments.nodes[0];if(!(d.comments.pageInfo.hasPreviousPage&&f!==void 0&&a.since!==void 0&&Date.parse(f.createdAt)>=a.since))break;c=d.comments.pageInfo.startCursor}return{kind:l.__typename===`Issue`?`issue`:`discussion`,id:l.id,number:l.number,title:l.title,url:l.url,body:l.body,comments:u.flat().map(e=>M(e,`comment`))}}async updateThreadBody(e,t){e.kind===`issue`?await this.mutate(`updating the desk thread`,`
mutation UpdateIssueBody($id: ID!, $body: String!) {
  updateIssue(input: { id: $id, body: $body }) { issue { id } }
}`,{id:e.id,body:t}):await this.mutate(`updating the desk thread`,`
mutation UpdateDiscussionBody($discussionId: ID!, $body: String!) {
  updateDiscussion(input: { discussionId: $discussionId, body: $body }) { discussion { id } }
}`,{discussionId:e.id,body:t})}async addThreadComment(e,t){return e.kind===`discussion`?this.addDiscussionComment(e.id,t):(await this.mutate(`posting to the desk thread`,x,{subjectId:e.id,body:t},!0)).addComment.commentEdge.node}async updateThreadComment(e,t,n){e.kind===`issue`?await this.mutate(`editing a desk comment`,`
mutation UpdateIssueComment($id: ID!, $body: String!) {
  updateIssueComment(input: { id: $id, body: $body }) { issueComment { id } }
}`,{id:t,body:n}):await this.mutate(`editing a desk comment`,`
mutation UpdateDiscussionComment($commentId: ID!, $body: String!) {
  updateDiscussionComment(input: { commentId: $commentId, body: $body }) { comment { id } }
}`,{commentId:t,body:n})}async deleteThreadComment(t,n){try{t.kind===`issue`?await this.mutate(`deleting a desk comment`,`
mutation DeleteIssueComment($id: ID!) {
  deleteIssueComment(input: { id: $id }) { clientMutationId }
}`,{id:n}):await this.deleteDiscussionComment(n)}catch(t){if(!(t instanceof e))throw t}}get requestCount(){return this.client.requests()}get points(){return this.client.points()}async query(e,t,n,i){try{return await this.client.octokit.graphql(t,i?{...n,request:i}:n)}catch(t){throw r(t,e,this.client.endpoints,n)}}async*pages(e,t,n){let i=this.client.octokit.graphql.paginate.iterator(t,n);try{for await(let e of i)yield e}catch(t){throw r(t,e,this.client.endpoints,n)}}async*sizedPages(e,t,n,r){let i=null,a=0,o=null,s=Number(n.pageSize);for(;;){let c=o===null?s:Math.max(1,Math.min(s,o-a)),l=await this.query(e,t,{...n,pageSize:c,cursor:i});yield l;let u=r(l);if(!u?.pageInfo.hasNextPage||!u.pageInfo.endCursor)return;o??=u.total,a+=u.count,i=u.pageInfo.endCursor}}repositories=new Map;async repository(t){let n=`${t.owner}/${t.name}`.toLowerCase(),r=this.repositories.get(n);if(r)return r;let i=await this.query(`reading repository ${t.owner}/${t.name}`,_,{...t});if(!i.repository)throw new e(`repository ${t.owner}/${t.name} not found`,`check "repository" in the config, and that the token can see it`);let{discussionCategories:a,...o}=i.repository,s={...o,categories:a.nodes};return this.repositories.set(n,s),s}async labels(e){let t=[];for await(let n of this.pages(`reading the labels of ${e.owner}/${e.name}`,v,{...e}))t.push(...n.repository.labels.nodes.map(e=>e.name));return t}async openDiscussions(t){let r={pageSize:50,comments:20,replies:10},i=`${t.repo.owner}/${t.repo.name}`;if(t.label){let e=await this.scopeQualifiers(t),a=await Promise.all(e.map(async({qualifiers:e,category:a})=>{let o=[],s=`repo:${i} is:open ${e}`;for await(let e of this.sizedPages(`searching the discussions of ${i}`,f,{searchQuery:s,...r},e=>({total:e.search.discussionCount,count:e.search.nodes.length,pageInfo:e.search.pageInfo}))){if(e.search.discussionCount>A)throw new n(`${e.search.discussionCount} open discussions carry the label "${t.label}"${a?` in the category "${a}"`:``}; GitHub search stops at ${A}`,`narrow the scope with discussions.categories, or close old discussions`);o.push(...e.search.nodes.filter(e=>e?.id))}return o})),o=new Set(t.categoryIds),s=a.flat().filter(e=>o.size===0||o.has(e.category.id));return this.complete(s.map(N).sort((e,t)=>e.createdAt-t.createdAt||e.number-t.number),t.repo)}let a=await Promise.all((t.categoryIds.length?t.categoryIds:[null]).map(async n=>{let a=[];for await(let o of this.sizedPages(`listing the open discussions of ${i}`,d,{...t.repo,categoryId:n,...r},e=>e.repository?{total:e.repository.discussions.totalCount,count:e.repository.discussions.nodes.length,pageInfo:e.repository.discussions.pageInfo}:null)){if(!o.repository)throw new e(`repository ${i} not found`);a.push(...o.repository.discussions.nodes)}return a}));return this.complete(a.flat().map(N).sort((e,t)=>e.createdAt-t.createdAt||e.number-t.number),t.repo)}async scopeQualifiers(t){let n=e=>`"${e.replace(/"/g,``)}"`,r=t.label?`label:${n(t.label)}`:``;if(t.categoryIds.length===0)return[{qualifiers:r,category:null}];let i=await this.repository(t.repo);return t.categoryIds.map(t=>{let a=i.categories.find(e=>e.id===t);if(!a)throw new e(`no discussion category with id ${t} in ${i.nameWithOwner}`,`check "discussions.categories" in the config`);return{qualifiers:`category:${n(a.name)} ${r}`.trim(),category:a.name}})}async complete(e,t){let n=[];for(let r of e)n.push(r.complete?r:await this.discussion(t,r.number));return n}async discussionsCreated(e,t,r,i){let a=`${e.owner}/${e.name}`,o=[],s=new Set,c=1e3,l=e=>new Date(e).toISOString().replace(/\.\d{3}Z$/,`+00:00`),u=async(e,t,r,i)=>{let d=`repo:${a} ${e} created:${l(r)}..${l(i-c)} sort:created-asc`.replace(/ +/g,` `),f=!0;for await(let p of this.pages(`searching the discussions of ${a}`,C,{searchQuery:d})){let d=p.search.discussionCount;if(f&&d>950&&i-r>c){let n=Math.max(2,Math.ceil(d/900)),a=Math.max(c,Math.ceil((i-r)/n/c)*c);for(let n=r;n<i;n+=a)await u(e,t,n,Math.min(i,n+a));return}if(f&&d>A)throw new n(`${d} discussions of ${a}${t?` in "${t}"`:``} were created at ${l(r)}; GitHub search returns at most ${A}, so the range cannot be read whole`,`nothing was reported: a partial count would be wrong`);f=!1;for(let e of p.search.nodes)e?.id&&!s.has(e.id)&&(s.add(e.id),o.push(e))}},d=Math.floor(Date.parse(t)/c)*c,f=Math.ceil(Date.parse(r)/c)*c;for(let{qualifiers:t,category:n}of await this.scopeQualifiers({repo:e,categoryIds:i?.categoryIds??[],label:i?.label??null}))await u(t,n,d,f);return this.complete(o.map(N).sort((e,t)=>e.createdAt-t.createdAt||e.number-t.number),e)}async discussionsUpdated(e,t){let r=`${e.owner}/${e.name}`,i=new Date(Math.floor(t/1e3)*1e3).toISOString().replace(/\.\d{3}Z$/,`+00:00`),a=[];for await(let e of this.pages(`searching the discussions of ${r} changed since ${i}`,p,{searchQuery:`repo:${r} updated:>=${i} sort:updated-asc`})){if(e.search.discussionCount>A)throw new n(`${e.search.discussionCount} discussions of ${r} changed since ${i}; GitHub search stops at ${A}`,`read them all instead`);for(let t of e.search.nodes)t?.id&&a.push({id:t.id,number:t.number,updatedAt:Date.parse(t.updatedAt),closed:t.closed,categoryId:t.category.id,labels:(t.labels?.nodes??[]).map(e=>e.name)})}return a}async discussionsById(e,t){let n=[];for(let r=0;r<t.length;r+=6){let i=await this.query(`reading ${t.length} changed discussions of ${e.owner}/${e.name}`,m,{ids:t.slice(r,r+6),comments:20,replies:10});n.push(...i.nodes.filter(e=>!!e?.id))}return this.complete(n.map(N),e)}async discussion(t,n){let r=`reading discussion #${n} of ${t.owner}/${t.name}`,i,a=[];for await(let o of this.pages(r,h,{...t,number:n})){let r=o.repository?.discussion;if(!r)throw new e(`discussion #${n} not found in ${t.owner}/${t.name}`,`check the number`);i??=r,a.push(...r.comments.nodes)}for(let e of a){if(!e.replies.pageInfo?.hasNextPage)continue;let t=e.replies.pageInfo.endCursor;for(;t;){let n=await this.query(r,g,{id:e.id,cursor:t});e.replies.nodes.push(...n.node.replies.nodes),t=n.node.replies.pageInfo?.hasNextPage?n.node.replies.pageInfo.endCursor:null}e.replies.totalCount=e.replies.nodes.length}return N({...i,comments:{totalCount:a.length,nodes:a}})}async lowHangingFruit(e,t){return(await this.query(`reading issues of ${e.owner}/${e.name}`,`
query LowHangingFruit($owner: String!, $name: String!, $label: String!) {
  repository(owner: $owner, name: $name) {
    issues(first: 10, states: [OPEN], labels: [$label], orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { number title url }
    }
  }
  rateLimit { cost }
}`,{...e,label:t})).repository?.issues.nodes??[]}async viewer(){let e=await this.query(`checking the token`,`
query Viewer {
  viewer { login }
  rateLimit { limit remaining resetAt used cost }
}`,{});return{login:e.viewer.login,rateLimit:e.rateLimit}}};export{j as BY_ID_BATCH,P as GraphqlTracker,E as MUTATION_SPACING_MS,D as PAGE_SIZE,O as WINDOW_COMMENTS,k as WINDOW_REPLIES,N as toDiscussion,M as toMessage};