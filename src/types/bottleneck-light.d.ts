// bottleneck's light build (no Redis clustering), which the Octokit plugins use, ships without its own typings.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
