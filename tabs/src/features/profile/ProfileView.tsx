export default function ProfileView() {
  return null;
}
