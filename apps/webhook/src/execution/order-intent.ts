// An order intent and its client order id live in @hookline/store with the write (intent before
// send); the executor, the exits and the replay name them from here.
export { clientOrderIdOf, type OrderIntent } from '@hookline/store';
