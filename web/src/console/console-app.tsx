/** The staff console (placeholder until the console lands). */
export default function ConsoleApp() {
  return <div>ReturnFlow console</div>;
}
